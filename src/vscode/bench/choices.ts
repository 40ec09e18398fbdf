/**
 * What a benchmark run is made of, asked one QuickPick at a time: suite, models, repeats, mode, and whether to
 * score by running the generated code (never the default; a modal says plainly what it means). The command's
 * argument can answer any of the questions in advance (keybindings, tests); those are not asked again.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RunMode } from '../../core/compare/types';
import type { ModelSlot } from '../../core/providers/types';

/** The command argument: every field is optional; a given field skips its question. */
export interface BenchRequest {
  /** "builtin", "humaneval" or a path to a .jsonl / .jsonl.gz / prompts file. */
  suite?: string;
  /** Only the first N tasks. */
  limit?: number;
  models?: string[];
  repeats?: number;
  mode?: RunMode;
  /** Passing true is the caller's explicit opt-in to running model-written code. */
  execute?: boolean;
  /** Start over instead of resuming a stopped run with the same choices. */
  fresh?: boolean;
}

export interface BenchChoices {
  suite: string;
  limit?: number;
  models: string[];
  repeats: number;
  mode: RunMode;
  execute: boolean | 'ask';
}

/** Validates a command argument (it may come from a keybinding's JSON); throws with what is wrong. */
export function parseRequest(raw: unknown): BenchRequest {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError('The benchmark command takes an object argument.');
  const r = raw as Record<string, unknown>;
  const out: BenchRequest = {};
  const wholeAtLeast1 = (k: string) => typeof r[k] === 'number' && Number.isInteger(r[k]) && (r[k] as number) >= 1;
  if (r.suite !== undefined) out.suite = String(r.suite);
  if (r.limit !== undefined) out.limit = wholeAtLeast1('limit') ? (r.limit as number) : bad('limit', 'a whole number ≥ 1');
  if (r.repeats !== undefined) out.repeats = wholeAtLeast1('repeats') ? (r.repeats as number) : bad('repeats', 'a whole number ≥ 1');
  if (r.models !== undefined) out.models = Array.isArray(r.models) && r.models.every((m) => typeof m === 'string') ? (r.models as string[]) : bad('models', 'a list of model ids');
  if (r.mode !== undefined) out.mode = r.mode === 'parallel' || r.mode === 'sequential' ? r.mode : bad('mode', '"parallel" or "sequential"');
  if (r.execute !== undefined) out.execute = r.execute === true;
  if (r.fresh !== undefined) out.fresh = r.fresh === true;
  return out;
}

function bad(key: string, what: string): never {
  throw new TypeError(`Benchmark argument "${key}" must be ${what}.`);
}

/** HumanEval.jsonl(.gz) in a workspace folder, or in ../shared/datasets beside it or beside the extension. */
export function findHumanEval(extensionPath: string): string | undefined {
  const roots = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), extensionPath];
  for (const root of roots) {
    for (const dir of [root, join(dirname(root), 'shared', 'datasets')]) {
      for (const name of ['HumanEval.jsonl.gz', 'HumanEval.jsonl']) if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

type Item<T> = vscode.QuickPickItem & { value: T };
const TITLE = 'Run benchmark';

async function pickOne<T>(step: number, placeHolder: string, items: Array<Item<T>>): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE} (${step}/5)`, placeHolder, ignoreFocusOut: true });
  return picked?.value;
}

async function askSuite(humanEval: string | undefined): Promise<string | undefined> {
  const items: Array<Item<string>> = [
    { label: '$(beaker) Built-in suite', description: '23 small tasks, Python and JavaScript', value: 'builtin' },
    ...(humanEval ? [{ label: '$(database) HumanEval', description: humanEval, value: 'humaneval' }] : []),
    { label: '$(file-code) HumanEval-format file…', description: '.jsonl or .jsonl.gz', value: 'pick-jsonl' },
    { label: '$(note) My own prompts…', description: 'timed only: {"prompts": […]} .json, or text split by "---" lines', value: 'pick-prompts' },
  ];
  const choice = await pickOne(1, 'Which tasks?', items);
  if (choice !== 'pick-jsonl' && choice !== 'pick-prompts') return choice;
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Use as benchmark suite',
    filters: choice === 'pick-jsonl' ? { 'HumanEval JSONL': ['jsonl', 'gz'] } : { Prompts: ['json', 'txt', 'md'] },
  });
  return files?.[0]?.fsPath;
}

async function askModels(slots: ModelSlot[]): Promise<string[] | undefined> {
  // VS Code's chat models are offered but not preselected: a benchmark sends many requests, which may use a quota.
  const items = slots.map((s) => ({
    label: s.label,
    description: s.provider === 'vscode-lm' ? `VS Code chat · ${s.model}` : `${s.provider} · ${s.model}`,
    picked: s.provider !== 'vscode-lm',
    value: s.id,
  }));
  const placeHolder = items.every((i) => i.picked) ? 'Which models? (all are selected)' : 'Which models? (the configured ones are selected)';
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE} (2/5)`, placeHolder, canPickMany: true, ignoreFocusOut: true });
  return picked && picked.length > 0 ? picked.map((p) => p.value) : undefined;
}

async function askRepeats(): Promise<number | undefined> {
  const choice = await pickOne<number | 'custom'>(3, 'How many times each task per model? (pass@k needs k repeats)', [
    { label: '1', description: 'quickest; pass@1', value: 1 },
    { label: '3', description: 'steadier timings; pass@1..3', value: 3 },
    { label: '5', description: 'pass@1..5', value: 5 },
    { label: 'Custom…', value: 'custom' },
  ]);
  if (choice !== 'custom') return choice;
  const text = await vscode.window.showInputBox({
    title: `${TITLE} (3/5)`,
    prompt: 'Repeats per task and model',
    value: '10',
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 100 ? undefined : 'A whole number from 1 to 100.'),
  });
  return text === undefined ? undefined : Number(text.trim());
}

async function askMode(): Promise<RunMode | undefined> {
  return pickOne<RunMode>(4, 'Run the models at the same time?', [
    { label: 'Parallel', description: 'all models at once, one request per model at a time', value: 'parallel' },
    { label: 'One after another', description: 'one generation at a time: timings free of contention', value: 'sequential' },
  ]);
}

async function askExecute(): Promise<boolean | undefined> {
  const run = await pickOne<boolean>(5, 'Score the answers?', [
    { label: 'Time only', description: 'do not run any generated code (quality is not scored)', value: false },
    { label: 'Score by running the generated code', description: 'runs model-written code on this machine', value: true },
  ]);
  return run === true ? confirmExecute() : run;
}

/** The modal says what will happen; anything but the explicit button means no. */
export async function confirmExecute(): Promise<boolean | undefined> {
  const yes = 'Run model-written code';
  const answer = await vscode.window.showWarningMessage(
    'Run the code the models write on this machine?',
    {
      modal: true,
      detail: 'Each answer is run with python3 or node against the task\u2019s tests, with a minimal environment and a time limit, in the sandbox set by llmCompare.bench.sandbox (auto: bubblewrap on Linux, sandbox-exec on macOS, else Docker/Podman): no network, nothing of your files writable.',
    },
    yes,
  );
  return answer === yes ? true : undefined;
}

/**
 * Running unsandboxed is asked for every run, whatever the command argument says: the modal names the risk, and
 * anything but the explicit button means no.
 */
export async function confirmUnsandboxed(risk: string): Promise<boolean> {
  const yes = 'Run without a sandbox';
  const answer = await vscode.window.showWarningMessage(
    'Run model-written code WITHOUT a sandbox?',
    { modal: true, detail: `${risk}\n\nThe setting llmCompare.bench.sandbox is "none". Choose "auto" to run it isolated instead.` },
    yes,
  );
  return answer === yes;
}

/** Asks what the request does not say; undefined when the user backed out at any step. */
export async function askChoices(request: BenchRequest, slots: ModelSlot[], extensionPath: string): Promise<BenchChoices | undefined> {
  const suite = request.suite ?? (await askSuite(findHumanEval(extensionPath)));
  if (suite === undefined) return undefined;
  const models = request.models ?? (await askModels(slots));
  if (models === undefined) return undefined;
  const repeats = request.repeats ?? (await askRepeats());
  if (repeats === undefined) return undefined;
  const mode = request.mode ?? (await askMode());
  if (mode === undefined) return undefined;
  // Whether to ask about scoring depends on the suite having code tasks: the runner asks once it has loaded it.
  return { suite, limit: request.limit, models, repeats, mode, execute: request.execute ?? 'ask' };
}

export { askExecute };
