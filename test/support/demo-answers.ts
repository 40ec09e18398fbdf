/**
 * Scripted answers for the demo (`scripts/start.sh --simulators`): when the benchmark asks a simulated model one of
 * the built-in tasks, it answers with code, so the report shows something to compare. Two personas:
 *  - "careful": the task's reference solution, except for two tasks where it makes a subtle slip;
 *  - "sloppy": the mistakes models typically make (case, sign, unsorted input, floor instead of truncation, no
 *    validation, a greedy shortcut…) on about half of the tasks, the reference on the rest.
 * Every answer says it is scripted: these are test doubles, not models, and their "scores" measure nothing.
 */
import { builtinJavaScriptTasks } from '../../src/core/bench/suites/builtin-javascript';
import { builtinPythonTasks } from '../../src/core/bench/suites/builtin-python';
import type { CodeTask } from '../../src/core/bench/types';

export type DemoPersona = 'careful' | 'sloppy';

export const SCRIPTED_NOTE = 'Scripted demo answer from the simulator (not a model):';

/** Plausible wrong solutions, by task id. None loops forever or runs into the time limit. */
const MISTAKES: Record<string, string> = {
  'py/count-vowels': 'def count_vowels(text):\n    return sum(1 for c in text if c in "aeiou")\n',
  'py/run-length': [
    'def run_length_encode(s):',
    '    out = ""',
    '    i = 0',
    '    while i < len(s):',
    '        j = i',
    '        while j < len(s) and s[j] == s[i]:',
    '            j += 1',
    '        out += s[i] + str(j - i)',
    '        i = j',
    '    return out',
    '',
  ].join('\n'),
  'py/parse-duration': [
    'import re',
    '',
    'def parse_duration(text):',
    '    units = {"h": 3600, "m": 60, "s": 1}',
    '    return sum(int(n) * units[u] for n, u in re.findall(r"(\\d+)([hms])", text))',
    '',
  ].join('\n'),
  'py/roman-to-int': [
    'def roman_to_int(numeral):',
    '    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}',
    '    return sum(values[c] for c in numeral)',
    '',
  ].join('\n'),
  'py/top-words': [
    'import re',
    'from collections import Counter',
    '',
    'def top_words(text, n):',
    '    counts = Counter(re.findall(r"[a-z]+", text.lower()))',
    '    return [w for w, _ in counts.most_common(n)]',
    '',
  ].join('\n'),
  'py/cheapest-path': [
    'from collections import deque',
    '',
    'def cheapest_path(edges, start, goal):',
    '    graph = {}',
    '    for a, b, w in edges:',
    '        graph.setdefault(a, []).append((b, w))',
    '    queue = deque([(start, 0)])',
    '    seen = {start}',
    '    while queue:',
    '        node, cost = queue.popleft()',
    '        if node == goal:',
    '            return cost',
    '        for nxt, w in graph.get(node, []):',
    '            if nxt not in seen:',
    '                seen.add(nxt)',
    '                queue.append((nxt, cost + w))',
    '    return -1',
    '',
  ].join('\n'),
  'js/sum-digits': 'function sumDigits(n) {\n  return String(n).split("").reduce((s, d) => s + Number(d), 0);\n}\n',
  'js/chunk': [
    'function chunk(items, size) {',
    '  if (size <= 0) throw new Error("size must be positive");',
    '  const out = [];',
    '  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));',
    '  return out;',
    '}',
    '',
  ].join('\n'),
  'js/binary-search': [
    'function firstIndexOf(sorted, target) {',
    '  let lo = 0, hi = sorted.length - 1;',
    '  while (lo <= hi) {',
    '    const mid = Math.floor((lo + hi) / 2);',
    '    if (sorted[mid] === target) return mid;',
    '    if (sorted[mid] < target) lo = mid + 1; else hi = mid - 1;',
    '  }',
    '  return -1;',
    '}',
    '',
  ].join('\n'),
  'js/eval-rpn': [
    'function evalRpn(tokens) {',
    '  const st = [];',
    '  for (const t of tokens) {',
    '    if ("+-*/".includes(t)) {',
    '      const b = st.pop(), a = st.pop();',
    '      st.push(t === "+" ? a + b : t === "-" ? a - b : t === "*" ? a * b : Math.floor(a / b));',
    '    } else st.push(Number(t));',
    '  }',
    '  return st.pop();',
    '}',
    '',
  ].join('\n'),
  'js/camel-to-snake': 'function camelToSnake(name) {\n  return name.replace(/([A-Z])/g, "_$1").toLowerCase().replace(/^_/, "");\n}\n',
  'js/lru-cache': [
    'function createLru(capacity) {',
    '  const m = new Map();',
    '  return {',
    '    get: (k) => m.get(k),',
    '    set(k, v) {',
    '      m.set(k, v);',
    '      if (m.size > capacity) m.delete(m.keys().next().value);',
    '    },',
    '  };',
    '}',
    '',
  ].join('\n'),
};

/** The careful persona slips on two edge cases only: an empty duration, and an acronym in a name. */
const CAREFUL_SLIPS: Record<string, string> = {
  'py/parse-duration': [
    'import re',
    '',
    'def parse_duration(text):',
    '    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text)',
    '    if m is None:',
    '        raise ValueError(f"not a duration: {text!r}")',
    '    h, mi, s = (int(g) if g else 0 for g in m.groups())',
    '    return h * 3600 + mi * 60 + s',
    '',
  ].join('\n'),
  'js/camel-to-snake': 'function camelToSnake(name) {\n  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();\n}\n',
};

const TASKS: CodeTask[] = [...builtinPythonTasks, ...builtinJavaScriptTasks];

/** The built-in task a prompt asks for, if any (the benchmark's prompt quotes the task's signature verbatim). */
export function builtinTaskIn(prompt: string): CodeTask | undefined {
  return TASKS.find((t) => prompt.includes(t.prompt));
}

/** The persona's code for a task. */
export function demoCode(persona: DemoPersona, task: CodeTask): string {
  const slip = persona === 'sloppy' ? MISTAKES[task.id] : CAREFUL_SLIPS[task.id];
  return slip ?? task.reference ?? '';
}

/** A bench answer for a built-in task in the prompt, or null when the prompt is not one of them. */
export function demoBenchAnswer(persona: DemoPersona, prompt: string): string | null {
  const task = builtinTaskIn(prompt);
  if (!task) return null;
  return `${SCRIPTED_NOTE}\n\n\`\`\`${task.language}\n${demoCode(persona, task).trimEnd()}\n\`\`\`\n`;
}
