/**
 * Where the interpreters really live. Version-manager shims (pyenv) are shell scripts that add their own variables
 * and cost a shell start per sample, and a sandbox that shows only the system folders must also be shown the
 * interpreter's own install prefix (pyenv, nvm and venvs put it under the home folder, which the sandbox hides).
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TaskLanguage } from '../types';
import type { Interpreter } from './types';

/** Folders every sandbox shows anyway: an interpreter under them needs nothing more. */
const SYSTEM_ROOTS = ['/usr', '/bin', '/sbin', '/lib', '/lib64'];

const pythons = new Map<string, Promise<Interpreter>>();

export function interpreterFor(language: TaskLanguage, options: { python?: string; node?: string }): Promise<Interpreter> {
  return language === 'python' ? findPython(options.python ?? 'python3') : Promise.resolve(nodeInterpreter(options.node ?? process.execPath));
}

/** Asked once per command: the binary behind it and its prefixes. Falls back to the command itself. */
export function findPython(command: string): Promise<Interpreter> {
  let p = pythons.get(command);
  if (!p) {
    const script = 'import sys, json, os; print(json.dumps([os.path.realpath(sys.executable), sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]))';
    p = new Promise((resolve) => {
      execFile(command, ['-c', script], { timeout: 10_000 }, (err, stdout) => {
        try {
          const [exe, ...prefixes] = JSON.parse(stdout) as string[];
          resolve(err || !exe ? { path: command, roots: [] } : { path: exe, roots: extraRoots([dirname(exe), ...prefixes]) });
        } catch {
          resolve({ path: command, roots: [] });
        }
      });
    });
    pythons.set(command, p);
  }
  return p;
}

/** Node is one binary; nvm-style installs keep it in `<prefix>/bin`, shown as the prefix. */
export function nodeInterpreter(execPath: string): Interpreter {
  const real = safeRealpath(execPath);
  const bin = dirname(real);
  return { path: real, roots: extraRoots([bin.endsWith('/bin') ? dirname(bin) : bin]) };
}

/** The folders not already under a system folder, each once, nested ones dropped. */
export function extraRoots(paths: readonly string[]): string[] {
  const real = [...new Set(paths.filter((p) => p && p.startsWith('/')).map(safeRealpath))];
  const outside = real.filter((p) => !SYSTEM_ROOTS.some((s) => within(p, s)) && p !== '/');
  return outside.filter((p) => !outside.some((q) => q !== p && within(p, q))).sort();
}

export function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
