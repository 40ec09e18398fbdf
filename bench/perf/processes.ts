/**
 * The figures that need a fresh process each time: activation (require + activate() of the production bundle, with
 * a stand-in `vscode`), the CLI's start against a bare `node`, and the first request of a fresh CLI process against
 * the Ollama simulator's own schedule, beside the least any fresh process reports there (first-request-floor.cjs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOllamaSim, type OllamaSim } from '../../test/support/ollama-sim';
import { pacedTokens } from './workload';
import type { Samples } from './streams';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { apiNames } = require('./vscode-stub.cjs') as { apiNames(typesFile: string): string[] };

interface Ran {
  ms: number;
  stdout: string;
}

/** Runs `node ...args` to its exit; wall time from spawn to exit. */
function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, stdout });
    });
  });
}

const FIRST_MODEL = 'first';
const FIRST_PROMPT_MS = 30;
const FIRST_GAP_MS = 5;
const CLI_PAIRS_PER_ROUND = 3;

export interface ProcessBench {
  activation(): Promise<Samples>;
  cliStart(round: number): Promise<Samples>;
  firstRequest(): Promise<Samples>;
  close(): Promise<void>;
}

export async function startProcessBench(root: string): Promise<ProcessBench> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-compare-perf-'));
  const names = join(dir, 'vscode-api.json');
  writeFileSync(names, JSON.stringify(apiNames(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'))));
  const sim: OllamaSim = await startOllamaSim({
    models: [{ name: FIRST_MODEL, tokens: pacedTokens(10), promptEvalMs: FIRST_PROMPT_MS, paceMs: FIRST_GAP_MS }],
  });
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ models: [{ id: 'first', label: 'first', provider: 'ollama', model: FIRST_MODEL, maxTokens: 64 }], defaultModel: 'first' }));
  const cli = join(root, 'dist', 'cli.js');

  return {
    async activation() {
      const activate = async (hostBuiltins: boolean) => {
        const child = [join(root, 'bench', 'perf', 'activate-child.cjs'), join(root, 'dist', 'extension.js'), names, ...(hostBuiltins ? ['--host-builtins'] : [])];
        const r = JSON.parse((await runNode(child, root)).stdout) as { requireMs: number; activateMs: number; totalMs: number; cpuMs: number; featuresMs: number | null; error: string | null };
        if (r.error) throw new Error(`activate() threw: ${r.error}`);
        return r;
      };
      const host = await activate(true);
      const bare = await activate(false);
      return {
        activationMs: host.totalMs,
        requireMs: host.requireMs,
        activateCallMs: host.activateMs,
        activationCpuMs: host.cpuMs,
        activationBareNodeMs: bare.totalMs,
        // Not part of activation: what the first use of any feature adds (require + activate of dist/features.js).
        ...(host.featuresMs !== null ? { firstUseFeaturesMs: host.featuresMs } : {}),
      };
    },
    async cliStart(round) {
      let bare = 0;
      let version = 0;
      for (let i = 0; i < CLI_PAIRS_PER_ROUND; i++) {
        const pairOrder = (round + i) % 2 === 0;
        if (pairOrder) bare += (await runNode(['-e', '0'], root)).ms;
        version += (await runNode([cli, '--version'], root)).ms;
        if (!pairOrder) bare += (await runNode(['-e', '0'], root)).ms;
      }
      return { bareNodeMs: bare / CLI_PAIRS_PER_ROUND, versionMs: version / CLI_PAIRS_PER_ROUND, cliStartRatio: version / bare };
    },
    async firstRequest() {
      sim.reset();
      const env = { ...process.env, OLLAMA_HOST: sim.url, HF_API_KEY: '', HF_TOKEN: '' };
      const { stdout } = await runNode([cli, 'compare', '--config', config, '--format', 'json', 'Say hi.'], root, env);
      const report = JSON.parse(stdout) as { results: { error: unknown; metrics: { ttftMs: number | null } }[] };
      const reported = report.results[0]?.metrics.ttftMs;
      const record = sim.streams[0];
      if (reported == null || !record?.headersAt) throw new Error(`first request: no first token (${JSON.stringify(report.results[0]?.error)})`);
      // The simulator's own schedule: request received → first token line written (its headers go with it).
      const scheduled = record.headersAt - record.startedAt;
      const floor = await floorError(sim, root);
      return {
        reportedTtftMs: reported,
        scheduledTtftMs: scheduled,
        firstRequestTtftErrorMs: reported - scheduled,
        firstRequestFloorErrorMs: floor,
        firstRequestOverFloorMs: reported - scheduled - floor,
      };
    },
    async close() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same error for the least a fresh process could report here (first-request-floor.cjs): the machine's share. */
async function floorError(sim: OllamaSim, root: string): Promise<number> {
  sim.reset();
  const { stdout } = await runNode([join(root, 'bench', 'perf', 'first-request-floor.cjs'), sim.url, FIRST_MODEL], root);
  const record = sim.streams[0];
  if (!record?.headersAt) throw new Error('first-request floor: the simulator saw no chat');
  return (JSON.parse(stdout) as { ttftMs: number }).ttftMs - (record.headersAt - record.startedAt);
}
