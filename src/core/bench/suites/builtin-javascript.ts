/**
 * Built-in JavaScript tasks, written for this project. Each `tests` defines `check(candidate)` with node:assert,
 * requiring it inside the function so it cannot clash with a `const assert` in the model's own code.
 */
import type { CodeTask } from '../types';

type JsTask = Omit<CodeTask, 'kind' | 'language' | 'style'>;

const A = "const assert = require('node:assert');";

const tasks: JsTask[] = [
  {
    id: 'js/sum-digits',
    difficulty: 'easy',
    entryPoint: 'sumDigits',
    prompt: '/** Sum of the decimal digits of an integer; the sign is ignored (sumDigits(-123) === 6). */\nfunction sumDigits(n) {}',
    reference: 'function sumDigits(n) {\n  return String(Math.abs(n)).split("").reduce((s, d) => s + Number(d), 0);\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate(123), 6, '123');
  assert.strictEqual(candidate(-123), 6, 'negative');
  assert.strictEqual(candidate(0), 0, 'zero');
  assert.strictEqual(candidate(9999999), 63, 'large');
}`,
  },
  {
    id: 'js/capitalize-words',
    difficulty: 'easy',
    entryPoint: 'capitalizeWords',
    prompt: '/** Upper-case the first character of every space-separated word, leave everything else as is; spaces are kept exactly. */\nfunction capitalizeWords(text) {}',
    reference: 'function capitalizeWords(text) {\n  return text.split(" ").map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join(" ");\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate('hello wide world'), 'Hello Wide World', 'three words');
  assert.strictEqual(candidate('  two  spaces '), '  Two  Spaces ', 'spaces kept');
  assert.strictEqual(candidate('iPhone and eBay'), 'IPhone And EBay', 'rest unchanged');
  assert.strictEqual(candidate(''), '', 'empty');
}`,
  },
  {
    id: 'js/chunk',
    difficulty: 'easy',
    entryPoint: 'chunk',
    prompt: '/** Split an array into consecutive pieces of `size` elements (the last may be shorter). Throw a RangeError when size is not a positive integer. */\nfunction chunk(items, size) {}',
    reference: 'function chunk(items, size) {\n  if (!Number.isInteger(size) || size < 1) throw new RangeError("size");\n  const out = [];\n  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));\n  return out;\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.deepStrictEqual(candidate([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]], 'size 2');
  assert.deepStrictEqual(candidate([], 3), [], 'empty');
  assert.deepStrictEqual(candidate([1, 2], 5), [[1, 2]], 'size larger than array');
  assert.throws(() => candidate([1], 0), RangeError, 'size 0');
  assert.throws(() => candidate([1], 1.5), RangeError, 'fractional size');
}`,
  },
  {
    id: 'js/format-bytes',
    difficulty: 'easy',
    entryPoint: 'formatBytes',
    prompt: '/** Format a byte count with binary units: below 1024 as "N B"; otherwise one decimal and the largest unit of KiB, MiB, GiB, TiB that keeps the number >= 1 (1536 -> "1.5 KiB"). */\nfunction formatBytes(bytes) {}',
    reference: 'function formatBytes(bytes) {\n  if (bytes < 1024) return `${bytes} B`;\n  const units = ["KiB", "MiB", "GiB", "TiB"];\n  let v = bytes / 1024;\n  let i = 0;\n  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }\n  return `${v.toFixed(1)} ${units[i]}`;\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate(512), '512 B', 'bytes');
  assert.strictEqual(candidate(1536), '1.5 KiB', 'KiB');
  assert.strictEqual(candidate(1048576), '1.0 MiB', 'MiB');
  assert.strictEqual(candidate(5 * 1024 ** 4), '5.0 TiB', 'TiB');
  assert.strictEqual(candidate(0), '0 B', 'zero');
}`,
  },
  {
    id: 'js/group-by',
    difficulty: 'medium',
    entryPoint: 'groupBy',
    prompt: '/** Group items into a plain object keyed by keyFn(item) (converted to string), keeping the original order within each group. */\nfunction groupBy(items, keyFn) {}',
    reference: 'function groupBy(items, keyFn) {\n  const out = {};\n  for (const item of items) {\n    const k = String(keyFn(item));\n    (out[k] ??= []).push(item);\n  }\n  return out;\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.deepStrictEqual(candidate([1, 2, 3, 4], (n) => (n % 2 ? 'odd' : 'even')), { odd: [1, 3], even: [2, 4] }, 'parity');
  assert.deepStrictEqual(candidate([], (x) => x), {}, 'empty');
  assert.deepStrictEqual(candidate(['ab', 'c', 'de'], (s) => s.length), { 2: ['ab', 'de'], 1: ['c'] }, 'numeric keys');
}`,
  },
  {
    id: 'js/binary-search',
    difficulty: 'medium',
    entryPoint: 'firstIndexOf',
    prompt: '/** In an ascending sorted array (which may contain duplicates), return the index of the FIRST element equal to target, or -1. Use binary search: arrays can have millions of elements. */\nfunction firstIndexOf(sorted, target) {}',
    reference: 'function firstIndexOf(sorted, target) {\n  let lo = 0, hi = sorted.length;\n  while (lo < hi) {\n    const mid = (lo + hi) >> 1;\n    if (sorted[mid] < target) lo = mid + 1; else hi = mid;\n  }\n  return sorted[lo] === target ? lo : -1;\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate([1, 2, 2, 2, 3], 2), 1, 'first of duplicates');
  assert.strictEqual(candidate([1, 3, 5], 4), -1, 'absent');
  assert.strictEqual(candidate([], 1), -1, 'empty');
  assert.strictEqual(candidate([7], 7), 0, 'single');
  const big = Array.from({ length: 2000000 }, (_, i) => i * 2);
  for (let i = 0; i < 2000; i++) assert.strictEqual(candidate(big, 123456), 61728, 'large array, many lookups');
}`,
  },
  {
    id: 'js/eval-rpn',
    difficulty: 'medium',
    entryPoint: 'evalRpn',
    prompt: '/** Evaluate a reverse-Polish expression given as an array of tokens (integers and + - * /). Division truncates toward zero. Throw an Error for a malformed expression. */\nfunction evalRpn(tokens) {}',
    reference: 'function evalRpn(tokens) {\n  const st = [];\n  const ops = { "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "/": (a, b) => Math.trunc(a / b) };\n  for (const t of tokens) {\n    if (t in ops) {\n      if (st.length < 2) throw new Error("malformed");\n      const b = st.pop(), a = st.pop();\n      st.push(ops[t](a, b));\n    } else if (/^-?\\d+$/.test(t)) st.push(Number(t));\n    else throw new Error("bad token " + t);\n  }\n  if (st.length !== 1) throw new Error("malformed");\n  return st[0];\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate(['2', '1', '+', '3', '*']), 9, '(2+1)*3');
  assert.strictEqual(candidate(['4', '13', '5', '/', '+']), 6, '4+13/5');
  assert.strictEqual(candidate(['-7', '2', '/']), -3, 'truncate toward zero');
  assert.throws(() => candidate(['1', '+']), Error, 'too few operands');
  assert.throws(() => candidate(['1', '2']), Error, 'leftover operands');
}`,
  },
  {
    id: 'js/camel-to-snake',
    difficulty: 'medium',
    entryPoint: 'camelToSnake',
    prompt: '/** Convert camelCase or PascalCase to snake_case. A run of capitals is one word (an acronym) except its last capital when a lower-case letter follows: "parseHTTPResponse" -> "parse_http_response". */\nfunction camelToSnake(name) {}',
    reference: 'function camelToSnake(name) {\n  return name\n    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")\n    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")\n    .toLowerCase();\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate('parseHTTPResponse'), 'parse_http_response', 'acronym in the middle');
  assert.strictEqual(candidate('UserId'), 'user_id', 'PascalCase');
  assert.strictEqual(candidate('simple'), 'simple', 'one word');
  assert.strictEqual(candidate('getURL'), 'get_url', 'acronym at the end');
}`,
  },
  {
    id: 'js/deep-equal',
    difficulty: 'hard',
    entryPoint: 'deepEqual',
    prompt: '/** Structural equality of JSON-like values (primitives, arrays, plain objects). NaN equals NaN; key order does not matter; an array never equals an object. */\nfunction deepEqual(a, b) {}',
    reference: 'function deepEqual(a, b) {\n  if (Object.is(a, b)) return true;\n  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;\n  if (Array.isArray(a) !== Array.isArray(b)) return false;\n  const ka = Object.keys(a), kb = Object.keys(b);\n  if (ka.length !== kb.length) return false;\n  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.strictEqual(candidate({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true, 'nested equal');
  assert.strictEqual(candidate({ a: 1, b: 2 }, { b: 2, a: 1 }), true, 'key order');
  assert.strictEqual(candidate(NaN, NaN), true, 'NaN');
  assert.strictEqual(candidate([1, 2], { 0: 1, 1: 2 }), false, 'array vs object');
  assert.strictEqual(candidate({ a: undefined }, { b: undefined }), false, 'different keys');
  assert.strictEqual(candidate(null, {}), false, 'null vs object');
  assert.strictEqual(candidate([1, [2, 3]], [1, [2, 4]]), false, 'nested difference');
}`,
  },
  {
    id: 'js/lru-cache',
    difficulty: 'hard',
    entryPoint: 'createLru',
    prompt: '/** Return an LRU cache { get(key), set(key, value) } holding at most `capacity` entries. get returns undefined when absent and marks the key as recently used; set on a full cache evicts the least recently used key. */\nfunction createLru(capacity) {}',
    reference: 'function createLru(capacity) {\n  const m = new Map();\n  return {\n    get(k) {\n      if (!m.has(k)) return undefined;\n      const v = m.get(k);\n      m.delete(k);\n      m.set(k, v);\n      return v;\n    },\n    set(k, v) {\n      m.delete(k);\n      m.set(k, v);\n      if (m.size > capacity) m.delete(m.keys().next().value);\n    },\n  };\n}\n',
    tests: `function check(candidate) {
  ${A}
  const c = candidate(2);
  c.set('a', 1);
  c.set('b', 2);
  assert.strictEqual(c.get('a'), 1, 'get a');
  c.set('c', 3);
  assert.strictEqual(c.get('b'), undefined, 'b evicted (least recently used)');
  assert.strictEqual(c.get('a'), 1, 'a kept');
  c.set('a', 10);
  c.set('d', 4);
  assert.strictEqual(c.get('c'), undefined, 'c evicted after a was updated');
  assert.strictEqual(c.get('a'), 10, 'updated value');
}`,
  },
  {
    id: 'js/topo-sort',
    difficulty: 'hard',
    entryPoint: 'buildOrder',
    prompt: '/** deps maps each task to the tasks it needs first (every task appears as a key). Return an order in which every task comes after its needs; among tasks ready at the same time, pick the alphabetically smallest first. Throw an Error on a cycle. */\nfunction buildOrder(deps) {}',
    reference: 'function buildOrder(deps) {\n  const done = new Set();\n  const order = [];\n  const names = Object.keys(deps).sort();\n  while (order.length < names.length) {\n    const next = names.find((n) => !done.has(n) && deps[n].every((d) => done.has(d)));\n    if (next === undefined) throw new Error("cycle");\n    done.add(next);\n    order.push(next);\n  }\n  return order;\n}\n',
    tests: `function check(candidate) {
  ${A}
  assert.deepStrictEqual(candidate({ app: ['lib', 'cfg'], lib: ['cfg'], cfg: [], docs: [] }), ['cfg', 'docs', 'lib', 'app'], 'order with ties');
  assert.deepStrictEqual(candidate({}), [], 'empty');
  assert.throws(() => candidate({ a: ['b'], b: ['a'] }), Error, 'cycle');
}`,
  },
];

export const builtinJavaScriptTasks: CodeTask[] = tasks.map((t) => ({ ...t, kind: 'code', language: 'javascript', style: 'builtin' }));
