/** The conditions a perf run was taken in, printed with the figures and written into perf.json. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Conditions {
  date: string;
  cpu: string;
  cores: number;
  loadAverage: { start: number[]; end: number[] | null };
  memoryGb: number;
  node: string;
  platform: string;
  commit: string | null;
  versions: Record<string, string | null>;
}

function versionOf(root: string, pkg: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function gitCommit(root: string): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return null;
  }
}

export function conditions(root: string): Conditions {
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverage: { start: loadavg().map((x) => Math.round(x * 100) / 100), end: null },
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit: gitCommit(root),
    versions: {
      'llm-compare': own.version,
      ollama: versionOf(root, 'ollama'),
      '@huggingface/inference': versionOf(root, '@huggingface/inference'),
      esbuild: versionOf(root, 'esbuild'),
      '@vscode/vsce': versionOf(root, '@vscode/vsce'),
    },
  };
}

export function describeConditions(c: Conditions): string {
  const load = (l: number[] | null) => (l ? l.join(' / ') : '?');
  const versions = Object.entries(c.versions).map(([k, v]) => `${k} ${v ?? '?'}`).join(', ');
  return [
    `cpu: ${c.cpu} × ${c.cores} cores, ${c.memoryGb} GB; ${c.platform}; node ${c.node}`,
    `load average (1/5/15 min): start ${load(c.loadAverage.start)}, end ${load(c.loadAverage.end)} (the machine is shared)`,
    `versions: ${versions}; commit ${c.commit ?? '?'}`,
  ].join('\n');
}
