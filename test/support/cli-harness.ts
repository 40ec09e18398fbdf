/** Runs the CLI in-process with captured output, against the two simulators. */
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { startHfSim, type HfSim, type HfSimScript } from './hf-sim';
import { startOllamaSim, type OllamaSim, type SimScript } from './ollama-sim';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  options: { signal?: AbortSignal; stdin?: string; tty?: boolean; ask?: (question: string) => Promise<string | null> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty },
    env,
    signal: options.signal,
    ...(options.ask ? { ask: options.ask } : {}),
  };
  const code = await main(argv, io, async () => options.stdin ?? '');
  return { code, stdout, stderr };
}

export interface Sims {
  ollama: OllamaSim;
  hf: HfSim;
  /** Environment pointing the CLI at both simulators (HF through its OpenAI-compatible endpoint). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const TEST_HF_KEY = 'hf_CliTestSecretKey0123456789abcd';

export async function startSims(ollama: SimScript, hf: HfSimScript): Promise<Sims> {
  const [o, h] = await Promise.all([startOllamaSim(ollama), startHfSim(hf)]);
  return {
    ollama: o,
    hf: h,
    // The HF simulator stands in for Hugging Face's router and Hub, where the HF token may go.
    env: { OLLAMA_HOST: o.url, HF_ROUTER_URL: h.url, HF_HUB_URL: h.url, HF_API_KEY: TEST_HF_KEY },
    close: async () => {
      await Promise.all([o.close(), h.close()]);
    },
  };
}
