/**
 * The benchmark in the real extension host, against the simulators: a small run scored by executing the scripted
 * answers (one model always right, one always wrong), the report view, export to every format, Stop, and live
 * updates that reach the open report tab without reloading it.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { builtinSuite } from '../../src/core/bench/suites/load';
import type { BenchReport, CodeTask } from '../../src/core/bench/types';
import { BENCH_REPORT_VIEW_TYPE, BenchCommands } from '../../src/vscode/bench/ids';
import type { BenchRunResult } from '../../src/vscode/bench/runner';
import { startHfSim, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { configure, resetSettings, waitFor, SIM_SLOTS, simulatorHosts } from './helpers';

const TASKS = builtinSuite().tasks.slice(0, 2) as CodeTask[];
const fence = (t: CodeTask, code: string) => `Here you go:\n\n\`\`\`${t.language}\n${code}\n\`\`\`\n`;
const taskOf = (prompt: string) => TASKS.find((t) => prompt.includes(t.prompt));
/** The right answer is the task's reference; the wrong one has the right name and returns nothing useful. */
const right = (prompt: string) => {
  const t = taskOf(prompt);
  return t ? fence(t, t.reference ?? '') : 'no task';
};
const wrong = (prompt: string) => {
  const t = taskOf(prompt);
  if (!t) return 'no task';
  return fence(t, t.language === 'python' ? `def ${t.entryPoint}(*args):\n    return None` : `function ${t.entryPoint}() {\n  return null;\n}`);
};
const lastUser = (messages: Array<{ role: string; content: string }>) => messages.filter((m) => m.role === 'user').pop()?.content ?? '';

function benchTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(BENCH_REPORT_VIEW_TYPE));
}

suite('Benchmark in VS Code', () => {
  let ollama: OllamaSim;
  let hf: HfSim;
  let report: BenchReport | undefined;
  const out = mkdtempSync(join(tmpdir(), 'llmc-bench-'));

  suiteSetup(async () => {
    ollama = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: (req) => right(lastUser(req.messages)) }] });
    hf = await startHfSim({ chat: (req) => ({ text: wrong(lastUser((req.body as { messages: Array<{ role: string; content: string }> }).messages)) }) });
    await configure({
      models: [SIM_SLOTS.local, SIM_SLOTS.online],
      defaultModel: 'local',
      ...simulatorHosts(ollama.url, hf.url),
    });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSettings();
    await ollama.close();
    await hf.close();
    rmSync(out, { recursive: true, force: true });
  });

  test('a run scored by executing the answers shows which model passes, in a report tab', async function () {
    this.timeout(60_000);
    const result = await vscode.commands.executeCommand<BenchRunResult | undefined>(BenchCommands.run, {
      suite: 'builtin', limit: 2, models: ['local', 'online'], repeats: 1, mode: 'parallel', execute: true, fresh: true,
    });
    assert.ok(result, 'the command returned no result');
    report = result.report;
    assert.equal(report.manifest.incomplete, false);
    assert.equal(report.samples.length, 4);
    const byModel = (id: string) => report!.summary.find((s) => s.id === id);
    assert.equal(byModel('local')?.passAt1, 1, 'the always-right model passes every task');
    assert.equal(byModel('online')?.passAt1, 0, 'the always-wrong model passes none');
    for (const s of report.samples) assert.equal(s.score?.kind, s.modelId === 'local' ? 'passed' : 'failed', `${s.taskId} × ${s.modelId}`);
    // Sandboxed by default (setup installs bubblewrap on Linux): the manifest and every sample say where the code ran.
    if (process.platform === 'linux') assert.equal(report.manifest.sandbox?.kind, 'bubblewrap');
    assert.notEqual(report.manifest.sandbox?.kind, 'none');
    for (const s of report.samples) assert.equal(s.score?.sandbox, report.manifest.sandbox?.kind);
    assert.deepEqual(report.features.map((f) => f.id), ['local', 'online']);
    // Kept: the report file, and a finished run's results file is gone so the same choices start afresh next time.
    assert.deepEqual((JSON.parse(readFileSync(result.reportFile, 'utf8')) as BenchReport).summary, report.summary);
    assert.throws(() => readFileSync(result.resultsPath), /ENOENT/);
    await waitFor('the report tab', () => benchTabs().length === 1);
  });

  test('"Open last benchmark report" brings the report back after its tab was closed', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no report tab', () => benchTabs().length === 0);
    const shown = await vscode.commands.executeCommand<BenchReport | undefined>(BenchCommands.openReport);
    assert.equal(shown?.manifest.date, report?.manifest.date);
    await waitFor('the report tab again', () => benchTabs().length === 1);
  });

  test('export writes JSON, CSV, Markdown and HTML where asked', async () => {
    const written: Record<string, string> = {};
    for (const format of ['json', 'csv', 'md', 'html'] as const) {
      const target = vscode.Uri.file(join(out, `report.${format}`));
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(BenchCommands.exportReport, { format, target });
      assert.equal(uri?.fsPath, target.fsPath);
      written[format] = readFileSync(target.fsPath, 'utf8');
    }
    assert.deepEqual((JSON.parse(written.json) as BenchReport).summary, report?.summary);
    assert.match(written.csv.split('\n')[0], /task/i);
    for (const s of report?.samples ?? []) assert.ok(written.csv.includes(s.taskId) && written.csv.includes(s.modelId), `${s.taskId} × ${s.modelId} in the CSV`);
    assert.match(written.md, /local/);
    assert.match(written.html, /Content-Security-Policy/);
    assert.match(written.html, /id="report-data"/);
  });

  test('Stop aborts the generations in flight and keeps what finished for a resume', async function () {
    this.timeout(30_000);
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    ollama.setScript({ models: [{ name: 'codellama:7b', reply: long, paceMs: 40 }] });
    hf.setScript({ chat: { text: long, chunkDelayMs: 40 } });
    ollama.reset();
    const running = vscode.commands.executeCommand<BenchRunResult | undefined>(BenchCommands.run, {
      suite: 'builtin', limit: 2, models: ['local', 'online'], repeats: 1, mode: 'parallel', execute: false, fresh: true,
    });
    const stream = await ollama.waitForStream(0, 10_000);
    assert.equal(await vscode.commands.executeCommand(BenchCommands.stop), true);
    const result = await running;
    await stream.ended;
    assert.equal(stream.clientClosed, true, 'the simulator saw the generation aborted');
    assert.equal(result?.report.manifest.incomplete, true);
    assert.equal(await vscode.commands.executeCommand(BenchCommands.stop), false, 'nothing left running');
  });

  test('live updates reach the open report tab in place: one page load, many reports', async function () {
    this.timeout(30_000);
    // About a second per answer, one answer at a time: several progress events, each worth an update.
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ');
    ollama.setScript({ models: [{ name: 'codellama:7b', reply: words, paceMs: 40 }] });
    hf.setScript({ chat: { text: words, chunkDelayMs: 40 } });
    await vscode.commands.executeCommand(BenchCommands.openReport);
    await waitFor('the report tab', () => benchTabs().length === 1);
    const result = await vscode.commands.executeCommand<BenchRunResult | undefined>(BenchCommands.run, {
      suite: 'builtin', limit: 2, models: ['local', 'online'], repeats: 1, mode: 'sequential', execute: false, fresh: true,
    });
    const activity = result?.viewActivity;
    assert.ok(activity, 'the report tab was open during the run');
    assert.equal(activity.documents, 1, 'the page was loaded once (an update that sets the HTML reloads it)');
    assert.equal(activity.readies, 1, 'the page never said ready again, so it was never re-created');
    assert.ok(activity.updates >= 3, `only ${activity.updates} reports reached the page`);
    assert.equal(benchTabs().length, 1, 'still one report tab');
  });
});
