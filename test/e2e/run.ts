/**
 * The end-to-end run: the extension in a real VS Code in headless Chromium. Phases 1–4 on code-server 4.100.3 (VS
 * Code 1.100.3, our `engines.vscode` floor), phase 5 on code-server 4.139.1 (VS Code 1.139.1):
 *   1. the extension-host integration suite (mocha inside the extension host, real `vscode` API);
 *   2. UI scenarios driving the workbench against the protocol simulators;
 *   3. the comparison panel's scenarios (side bar view and editor tab) against the same simulators;
 *   4. the reliability phase (issue 10): fault matrix, hostile corpus and soak through the panel;
 *   5. the Models view's scenarios (states, add flow, per-model keys, edits seen in the panel);
 *   6. VS Code's language models both ways on code-server 4.139.1, with a test-only stand-in chat-model extension (lm.ts);
 *   7. the built-in engine on a fresh machine: the panel's offer, consent, download, a real llama-server column (engine.ts).
 * Installs nothing (scripts/setup-e2e.sh does); expects `npm run build` first (npm run test:e2e does both).
 * Usage: tsx test/e2e/run.ts [--only exthost|ui|panel|reliability|models|lm|engine]   Results and screenshots: test-results/e2e/run-<time>/
 *        E2E_SCENARIOS=<regex> runs only the panel scenarios whose name matches (plus the first, which opens the view).
 *        E2E_RELIABILITY=<scenario prefix> narrows phase 4 the same way.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { demoBenchAnswer } from '../support/demo-answers';
import type { SimGenerateRequest } from '../support/ollama-sim-types';
import { startSimulators } from '../support/sim-server';
import { REPO, startCodeServer } from './code-server';
import { runEnginePhase } from './engine';
import { runExtensionHostTests } from './exthost';
import { runLmPhase } from './lm';
import { MODELS_KEYS, runModelsPhase } from './models';
import { runPanelPhase } from './panel';
import { runReliabilityPhase } from './reliability';
import { runUiScenarios, type UiStep } from './ui';

const UI_KEY = 'hf_E2eUiEnvironmentKey0123456789';
const PANEL_KEY = 'hf_E2ePanelEnvironmentKey012345678';
const RELIABILITY_KEY = 'hf_E2eReliabilityEnvKey0123456789';
const LM_KEY = 'hf_E2eLanguageModelsKey0123456789';
/** Keys the suites use; none may appear in any settings or log file of the run. */
const KEYS = [UI_KEY, PANEL_KEY, RELIABILITY_KEY, LM_KEY, 'hf_IntegrationTestKey0123456789', ...MODELS_KEYS];

function prepareRunDir(): string {
  const base = path.join(REPO, 'test-results/e2e');
  mkdirSync(base, { recursive: true });
  // Keep the last few runs only: each holds two VS Code profiles.
  const old = readdirSync(base).filter((d) => d.startsWith('run-')).sort().slice(0, -4);
  old.forEach((d) => rmSync(path.join(base, d), { recursive: true, force: true }));
  const dir = path.join(base, `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(path.join(dir, 'screenshots'), { recursive: true });
  mkdirSync(path.join(dir, 'ws'), { recursive: true });
  writeFileSync(path.join(dir, 'ws/sample.py'), '# Small helpers for the demo.\n\n\ndef greet(name: str) -> str:\n    return f"Hello, {name}!"\n\n\n');
  return dir;
}

/** Text files of the run that contain a key (secret storage itself excluded: it is where keys belong). */
function filesLeakingKeys(dir: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      // lstat: the lm phase links the repository itself into a profile's extensions folder.
      const st = lstatSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 5_000_000 && !/screenshots/.test(p)) {
        const text = readFileSync(p, 'latin1');
        if (KEYS.some((k) => text.includes(k))) hits.push(path.relative(dir, p));
      }
    }
  };
  walk(dir);
  return hits;
}

async function main(): Promise<number> {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  for (const f of ['dist/extension.js', 'out/test/integration/index.js']) {
    if (!existsSync(path.join(REPO, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const t0 = Date.now();
  const runDir = prepareRunDir();
  const shots = path.join(runDir, 'screenshots');
  const ws = path.join(runDir, 'ws');
  console.log(`e2e run folder: ${path.relative(REPO, runDir)}`);
  let failed = false;
  const summary: string[] = [];

  if (!only || only === 'exthost') {
    console.log('▶ extension-host integration tests (mocha in the real extension host)');
    const server = await startCodeServer(runDir, 'exthost', ws, {});
    try {
      const r = await runExtensionHostTests(server, ws, shots);
      const line = r.output.find((l) => /^integration: \d+ tests/.test(l)) ?? '(no summary line)';
      summary.push(`extension host: ${line.replace('integration: ', '')}, exit ${r.exitCode} (${r.seconds.toFixed(1)} s)`);
      failed ||= r.exitCode !== 0;
    } finally {
      await server.stop();
    }
  }

  if (!only || only === 'ui') {
    console.log('▶ UI scenarios (playwright-core + Chromium)');
    const fizz = 'Here is a version:\n\n```python\ndef fizzbuzz(n: int) -> str:\n    if n % 15 == 0:\n        return "FizzBuzz"\n    if n % 3 == 0:\n        return "Fizz"\n    if n % 5 == 0:\n        return "Buzz"\n    return str(n)\n```\nDone.';
    const explanation = 'It returns Fizz, Buzz or FizzBuzz for multiples of 3, 5 and 15, otherwise the number. Checking 15 first matters.';
    // In the benchmark the simulated models answer as the demo's do (demo-answers.ts): the online one careful, the
    // local ones with typical mistakes, so the report has pass rates to show.
    const sloppy = (req: SimGenerateRequest) => demoBenchAnswer('sloppy', req.messages.map((m) => m.content).join('\n')) ?? fizz;
    const sims = await startSimulators({
      ollama: {
        version: '0.12.6',
        models: [{ name: 'codellama:7b', reply: sloppy, paceMs: 15 }],
        pulls: { 'qwen2.5-coder:3b': { layers: [1_929_000_000, 7_020], steps: 8, paceMs: 200, installs: { name: 'qwen2.5-coder:3b', reply: sloppy, paceMs: 15 } } },
      },
      // The default model is the online one: code for "Generate code", prose for "Explain selection".
      huggingface: {
        chat: (req) => {
          const prompt = ((req.body as { messages?: Array<{ content: string }> }).messages ?? []).map((m) => m.content).join('\n');
          return { text: demoBenchAnswer('careful', prompt) ?? (prompt.includes('Explain this') ? explanation : fizz), chunkDelayMs: 20 };
        },
      },
    });
    // The UI profile uses the environment, as a user's shell would: the model slots stay the defaults.
    const server = await startCodeServer(runDir, 'ui', ws, {
      OLLAMA_HOST: sims.ollama.url,
      // The HF simulator stands in for Hugging Face itself (router + Hub), where the HF token may go.
      HF_ROUTER_URL: sims.huggingface.url,
      HF_HUB_URL: sims.huggingface.url,
      HF_API_KEY: UI_KEY,
    });
    let steps: UiStep[] = [];
    try {
      steps = await runUiScenarios(server, ws, shots, '0.12.6');
    } finally {
      await server.stop();
      await sims.close();
    }
    const bad = steps.filter((s) => !s.ok);
    summary.push(`UI: ${steps.length} scenarios, ${bad.length} failed (${steps.reduce((n, s) => n + s.seconds, 0).toFixed(1)} s)`);
    failed ||= bad.length > 0 || steps.length === 0;
  }

  if (!only || only === 'panel') {
    console.log('▶ comparison panel scenarios (playwright-core + Chromium)');
    const steps = await runPanelPhase(runDir, shots, PANEL_KEY);
    const bad = steps.filter((s) => !s.ok);
    summary.push(`panel: ${steps.length} scenarios, ${bad.length} failed (${steps.reduce((n, s) => n + s.seconds, 0).toFixed(1)} s)`);
    failed ||= bad.length > 0 || steps.length === 0;
  }

  if (!only || only === 'reliability') {
    console.log('▶ reliability: fault matrix, hostile corpus and soak through the panel (playwright-core + Chromium)');
    const steps = await runReliabilityPhase(runDir, shots, RELIABILITY_KEY);
    const bad = steps.filter((s) => !s.ok);
    summary.push(`reliability: ${steps.length} scenarios, ${bad.length} failed (${steps.reduce((n, s) => n + s.seconds, 0).toFixed(1)} s)`);
    failed ||= bad.length > 0 || steps.length === 0;
  }

  if (!only || only === 'lm') {
    console.log('▶ VS Code language models, both ways (code-server 4.139.1 = VS Code 1.139.1 + the stand-in extension)');
    const r = await runLmPhase(runDir, shots, LM_KEY);
    summary.push(...r.lines);
    failed ||= r.failed;
  }

  if (!only || only === 'models') {
    console.log('▶ models view scenarios (playwright-core + Chromium)');
    const steps = await runModelsPhase(runDir, shots, PANEL_KEY);
    const bad = steps.filter((s) => !s.ok);
    summary.push(`models: ${steps.length} scenarios, ${bad.length} failed (${steps.reduce((n, s) => n + s.seconds, 0).toFixed(1)} s)`);
    failed ||= bad.length > 0 || steps.length === 0;
  }

  if (!only || only === 'engine') {
    console.log('▶ built-in engine: offer, consent, download, a real llama-server column (playwright-core + Chromium)');
    const steps = await runEnginePhase(runDir, shots);
    const bad = steps.filter((s) => !s.ok);
    summary.push(`engine: ${steps.length} scenarios, ${bad.length} failed (${steps.reduce((n, s) => n + s.seconds, 0).toFixed(1)} s)`);
    failed ||= bad.length > 0 || steps.length === 0;
  }

  const leaks = filesLeakingKeys(runDir);
  summary.push(leaks.length ? `KEY LEAKED into: ${leaks.join(', ')}` : 'no API key in any settings or log file of the run');
  failed ||= leaks.length > 0;
  summary.push(`screenshots: ${path.relative(REPO, shots)}`, `total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`\n${summary.map((s) => `  ${s}`).join('\n')}\n${failed ? 'E2E FAILED' : 'E2E PASSED'}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
