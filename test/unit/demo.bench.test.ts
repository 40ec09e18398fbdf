/**
 * The demo (`scripts/start.sh --simulators`) demonstrates the benchmark: run on the built-in suite with --execute,
 * the simulated online model is mostly right and the simulated local one makes typical mistakes, so the report
 * shows pass rates that are neither all 0 % nor all 100 % — and every answer says it is scripted.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BenchReport } from '../../src/core/bench/types';
import { runCli } from '../support/cli-harness';
import { SCRIPTED_NOTE } from '../support/demo-answers';
import { defaultScript, startSimulators, type Simulators } from '../support/sim-server';

describe('the demo simulators in the benchmark', function () {
  this.timeout(180_000);
  let sims: Simulators;
  let dir = '';
  before(async () => {
    sims = await startSimulators(defaultScript({ paced: false }));
    dir = mkdtempSync(path.join(tmpdir(), 'llmc-demo-bench-'));
  });
  after(async () => {
    await sims?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scores the careful online model high and the sloppy local one lower, neither 0 % nor 100 %', async () => {
    const out = path.join(dir, 'demo.json');
    // As start.sh points the extension and the CLI at the simulators.
    const env = { OLLAMA_HOST: sims.ollama.url, HF_ENDPOINT_URL: `${sims.huggingface.url}/v1`, HF_API_KEY: 'simulator-demo-key', PATH: process.env.PATH };
    const run = await runCli(['bench', '--suite', 'builtin', '--models', 'online-qwen,local-codellama', '--execute', '--out', out], env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    const rate = Object.fromEntries(report.summary.map((s) => [s.id, s.passAt1]));
    console.log(`      demo pass@1: online-qwen ${fmt(rate['online-qwen'])}, local-codellama ${fmt(rate['local-codellama'])} (23 built-in tasks, 1 sample each)`);
    for (const [id, r] of Object.entries(rate)) assert.ok(r !== null && r > 0 && r < 1, `${id}: pass@1 ${r}`);
    assert.ok(rate['online-qwen']! > 0.8, 'the careful model is mostly right');
    assert.ok(rate['local-codellama']! < 0.7, 'the sloppy model makes typical mistakes');
    // Failures are real test failures (wrong results), not the generic answer's NameError.
    const failures = report.samples.filter((s) => s.score?.kind === 'failed');
    assert.ok(failures.length > 0);
    assert.ok(!report.samples.some((s) => /NameError/.test(JSON.stringify(s))), 'a sample failed with NameError: the generic answer');
    assert.ok(report.samples.every((s) => s.text.startsWith(SCRIPTED_NOTE)), 'every answer says it is scripted');
  });
});

function fmt(r: number | null | undefined): string {
  return r == null ? 'n/a' : `${(r * 100).toFixed(0)} %`;
}
