/**
 * The read-only shared folder (datasets, recordings) beside the repository: `../shared` relative to the repo root,
 * as CI lays it out, or `/work/shared` on the development machines where worktrees live one level deeper.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');

export function sharedDir(): string {
  const beside = resolve(REPO_ROOT, '..', 'shared');
  return existsSync(beside) ? beside : '/work/shared';
}

export const HUMANEVAL_PATH = join(sharedDir(), 'datasets', 'HumanEval.jsonl.gz');
