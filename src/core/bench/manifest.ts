/**
 * The run manifest: enough about the tool, models and machine that a reader can judge (and repeat) the figures.
 * The process probes (nvidia-smi, python3 --version) are injected so tests do not depend on the machine.
 */
import { execFile } from 'node:child_process';
import { cpus, release, totalmem, type as osType } from 'node:os';
import { version as toolVersion } from '../../../package.json';
import type { ModelInfo } from '../providers/types';
import type { Manifest } from './types';

export type ProbeFn = (command: string, args: string[]) => Promise<string | null>;

/** Runs a command with a short time limit; null when it is missing or fails. */
export const defaultProbe: ProbeFn = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 3000, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      resolve(err ? null : (stdout || stderr).trim() || null);
    });
  });

export async function machineInfo(probe: ProbeFn = defaultProbe, withPython = true): Promise<Manifest['machine']> {
  const [gpu, python] = await Promise.all([
    probe('nvidia-smi', ['--query-gpu=name,memory.total', '--format=csv,noheader']),
    withPython ? probe('python3', ['--version']) : Promise.resolve(null),
  ]);
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryBytes: totalmem(),
    os: `${osType()} ${release()} (${process.platform}/${process.arch})`,
    gpu: gpu ? gpu.split('\n').join('; ') : null,
    node: process.version,
    python: python ? python.replace(/^Python\s+/i, '') : null,
  };
}

/** Pulls the server facts providers report in `ModelInfo.extra` (key names vary by provider, so several are tried). */
export function serverFacts(infos: readonly ModelInfo[], configuredHfProvider: string | null): Pick<Manifest, 'ollamaVersion' | 'huggingfaceProvider'> {
  const pick = (info: ModelInfo | undefined, keys: string[]) => keys.map((k) => info?.extra[k]).find((v) => v) ?? null;
  const ollama = infos.filter((i) => i.provider === 'ollama');
  const hf = infos.filter((i) => i.provider === 'huggingface');
  const ollamaVersion = ollama.map((i) => pick(i, ['ollamaVersion', 'serverVersion', 'version'])).find((v) => v) ?? null;
  const reported = hf.map((i) => pick(i, ['providerUsed', 'inferenceProvider', 'provider', 'endpoint', 'endpointUrl'])).find((v) => v) ?? null;
  return { ollamaVersion, huggingfaceProvider: hf.length ? reported ?? configuredHfProvider : null };
}

export { toolVersion };
