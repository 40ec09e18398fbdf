/**
 * Suite loaders: the built-in suite, HumanEval-format JSONL (plain or gzipped), and a user's own prompts (timed
 * only). A malformed file fails with its name and line number, before anything is sent to a model.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ConfigError } from '../../providers/errors';
import type { BenchTask, CodeTask, PromptTask, Suite } from '../types';
import { builtinJavaScriptTasks } from './builtin-javascript';
import { builtinPythonTasks } from './builtin-python';

export function builtinSuite(): Suite {
  // Interleaved by language so that `--limit N` still exercises both interpreters.
  const tasks: BenchTask[] = [];
  const n = Math.max(builtinPythonTasks.length, builtinJavaScriptTasks.length);
  for (let i = 0; i < n; i++) {
    if (builtinPythonTasks[i]) tasks.push(builtinPythonTasks[i]);
    if (builtinJavaScriptTasks[i]) tasks.push(builtinJavaScriptTasks[i]);
  }
  return { name: 'builtin', tasks };
}

/**
 * `spec`: "builtin", "humaneval" (the dataset at `humanEvalPath`), or a file path: `.jsonl` / `.jsonl.gz`
 * (HumanEval format), `.json` (`{"prompts": [...]}`), anything else = text prompts separated by `---` lines.
 */
export async function loadSuite(spec: string, opts: { humanEvalPath?: string } = {}): Promise<Suite> {
  if (spec === 'builtin') return builtinSuite();
  if (spec === 'humaneval') {
    if (!opts.humanEvalPath) throw new ConfigError('No HumanEval dataset path: pass --suite <path to HumanEval.jsonl.gz>.');
    return loadSuiteFile(opts.humanEvalPath, 'humaneval');
  }
  return loadSuiteFile(spec);
}

async function loadSuiteFile(path: string, name?: string): Promise<Suite> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw new ConfigError(`Cannot read suite file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`);
  }
  const lower = path.toLowerCase();
  const gz = lower.endsWith('.gz');
  let text: string;
  try {
    text = (gz ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    throw new ConfigError(`${path} is not a valid gzip file.`);
  }
  const inner = gz ? lower.slice(0, -3) : lower;
  const suiteName = name ?? basename(path).replace(/\.(jsonl|json|txt|md)(\.gz)?$/i, '');
  if (inner.endsWith('.jsonl')) return { name: suiteName, tasks: parseHumanEval(text, path) };
  if (extname(inner) === '.json') return { name: suiteName, tasks: parsePromptsJson(text, path) };
  return { name: suiteName, tasks: parsePromptsText(text, path) };
}

/** HumanEval JSONL: one object per line with task_id, prompt, entry_point, test (canonical_solution optional). */
export function parseHumanEval(text: string, where = 'suite'): CodeTask[] {
  const tasks: CodeTask[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${where}:${i + 1}`;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new ConfigError(`${at}: not valid JSON (${(e as Error).message}).`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new ConfigError(`${at}: expected a JSON object.`);
    const o = obj as Record<string, unknown>;
    for (const key of ['task_id', 'prompt', 'entry_point', 'test']) {
      if (typeof o[key] !== 'string' || o[key] === '') throw new ConfigError(`${at}: missing text field "${key}".`);
    }
    const id = o.task_id as string;
    if (ids.has(id)) throw new ConfigError(`${at}: task_id "${id}" appears twice.`);
    ids.add(id);
    if (!/^[A-Za-z_]\w*$/.test(o.entry_point as string)) throw new ConfigError(`${at}: entry_point must be a Python identifier.`);
    tasks.push({
      kind: 'code',
      id,
      language: 'python',
      style: 'humaneval',
      prompt: o.prompt as string,
      entryPoint: o.entry_point as string,
      tests: o.test as string,
      ...(typeof o.canonical_solution === 'string' ? { reference: o.canonical_solution } : {}),
    });
  });
  if (tasks.length === 0) throw new ConfigError(`${where}: no tasks in the file.`);
  return tasks;
}

/** `{"prompts": ["...", ...]}` or `{"prompts": [{"id": "...", "prompt": "..."}]}`. */
export function parsePromptsJson(text: string, where = 'suite'): PromptTask[] {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${where}: not valid JSON (${(e as Error).message}).`);
  }
  const prompts = (obj as { prompts?: unknown } | null)?.prompts;
  if (!Array.isArray(prompts) || prompts.length === 0) throw new ConfigError(`${where}: expected {"prompts": ["first prompt", ...]} with at least one prompt.`);
  return prompts.map((p, i) => {
    if (typeof p === 'string' && p.trim()) return { kind: 'prompt', id: `prompt-${i + 1}`, prompt: p.trim() };
    if (typeof p === 'object' && p !== null && typeof (p as { prompt?: unknown }).prompt === 'string') {
      const { id, prompt } = p as { id?: unknown; prompt: string };
      return { kind: 'prompt', id: typeof id === 'string' && id ? id : `prompt-${i + 1}`, prompt: prompt.trim() };
    }
    throw new ConfigError(`${where}: prompts[${i}] must be text or {"id": "...", "prompt": "..."}.`);
  });
}

/** Plain text: prompts separated by lines holding only `---`. Blank prompts are an error (line number given). */
export function parsePromptsText(text: string, where = 'suite'): PromptTask[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const tasks: PromptTask[] = [];
  let buf: string[] = [];
  let startLine = 1;
  const flush = (endLine: number, final: boolean) => {
    const prompt = buf.join('\n').trim();
    if (prompt) tasks.push({ kind: 'prompt', id: `prompt-${tasks.length + 1}`, prompt });
    else if (!final || tasks.length === 0) throw new ConfigError(`${where}:${endLine}: empty prompt between separators (lines ${startLine}–${endLine}).`);
    buf = [];
  };
  lines.forEach((line, i) => {
    if (line.trim() === '---') {
      flush(i + 1, false);
      startLine = i + 2;
    } else buf.push(line);
  });
  flush(lines.length, true);
  return tasks;
}
