/**
 * Turns a task and the extracted code into one program for the interpreter: the code, then the task's tests, then
 * `check(<entry point>)`. A zero exit status means every assertion held.
 */
import { definesEntryPoint } from './extract';
import type { CodeTask } from './types';

export function buildProgram(task: CodeTask, code: string): string {
  const body = task.language === 'javascript' ? stripModuleSyntax(code) : code;
  const solution = task.style === 'humaneval' ? humanEvalSolution(task, body) : body;
  const call = task.language === 'python' ? `check(${task.entryPoint})` : `check(${task.entryPoint});`;
  return `${solution}\n\n${task.tests}\n\n${call}\n`;
}

/**
 * HumanEval prompts end in a docstring-only function. A whole function from the model is appended after the
 * prompt rather than replacing it: Python lets the later `def` win, and the prompt's imports and helper functions
 * (HumanEval/38's encode_cyclic, HumanEval/10's is_palindrome) stay defined. Anything else is a completion of the
 * prompt; a body that came back unindented (fences strip context) is indented under the signature.
 */
function humanEvalSolution(task: CodeTask, code: string): string {
  if (definesEntryPoint(code, 'python', task.entryPoint)) return `${task.prompt}\n\n${code}`;
  const firstLine = code.split('\n').find((l) => l.trim() !== '') ?? '';
  const indented = /^\s/.test(firstLine) ? code : code.split('\n').map((l) => (l.trim() ? `    ${l}` : l)).join('\n');
  return `${task.prompt}${indented}`;
}

/** Scripts run as CommonJS: `export` keywords and ESM-only lines are dropped so a module-style answer still runs. */
function stripModuleSyntax(code: string): string {
  return code
    .replace(/^\s*export\s+default\s+(?=(?:async\s+)?function|class)/gm, '')
    .replace(/^\s*export\s+(?=(?:async\s+)?function|class|const|let|var)/gm, '')
    .replace(/^\s*export\s+(?:default\s+\w+|\{[^}]*\});?\s*$/gm, '');
}
