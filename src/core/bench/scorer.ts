/**
 * Scores one answer: extract the code, build the program with the task's hidden tests, run it, classify the
 * outcome. Runs model-written code in the isolation the caller resolved (see sandbox.ts), only on the user's request.
 */
import { constants } from 'node:os';
import { extractCode } from './extract';
import { buildProgram } from './program';
import { runInSandbox } from './sandbox';
import type { SandboxOptions, SandboxResult } from './sandbox';
import type { CodeTask, Score } from './types';

export type ScoreOptions = SandboxOptions;

const DETAIL_LINES = 6;
const DETAIL_CHARS = 600;

export async function scoreAnswer(task: CodeTask, answer: string, options: ScoreOptions): Promise<Score> {
  const code = extractCode(answer, task.language, task.entryPoint);
  if (code === null) return { kind: 'no-code', detail: 'No code found in the answer.', durationMs: 0 };
  const result = await runInSandbox(task.language, buildProgram(task, code), options);
  return { ...classify(result, options.timeoutMs), sandbox: result.sandbox };
}

/** Exported for tests: exit status and stderr → outcome. */
export function classify(r: Omit<SandboxResult, 'sandbox'>, timeoutMs?: number): Score {
  const base = { durationMs: r.durationMs };
  if (r.cancelled) return { ...base, kind: 'error', detail: 'Cancelled.' };
  if (r.timedOut) return { ...base, kind: 'timeout', detail: `Killed after the time limit${timeoutMs ? ` of ${timeoutMs} ms` : ''}.` };
  if (r.outputCapped) return { ...base, kind: 'error', detail: 'Killed: the program wrote more output than allowed.' };
  if (r.exitCode === 0) return { ...base, kind: 'passed', detail: '' };
  const stderr = r.stderr.trimEnd();
  const failed = /^AssertionError\b/m.test(stderr);
  return { ...base, kind: failed ? 'failed' : 'error', detail: tail(stderr) || exitText(r.exitCode, r.signal) };
}

/** Sandboxes report a program killed by a signal as 128 + the signal number: name it (SIGXCPU = CPU limit). */
function exitText(code: number | null, signal: string | null): string {
  if (signal) return `Killed by ${signal}.`;
  const name = code !== null && code > 128 ? Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined;
  return name ? `Killed by ${name}${name === 'SIGXCPU' ? ' (CPU time limit)' : ''}.` : `Exit status ${code}.`;
}

function tail(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  // Node prints the assertion message near the top and a long stack below: keep the error line itself.
  const errorLine = lines.findIndex((l) => /^(AssertionError|\w*Error)\b/.test(l));
  const picked = errorLine >= 0 && !/Traceback/.test(text) ? lines.slice(errorLine, errorLine + DETAIL_LINES) : lines.slice(-DETAIL_LINES);
  const s = picked.join('\n');
  return s.length > DETAIL_CHARS ? `…${s.slice(-DETAIL_CHARS)}` : s;
}
