/**
 * One benchmark run from the command: ask, load the suite, run it under a cancellable progress notification
 * (Cancel → AbortSignal: generations in flight are aborted), stream samples into the report view and the results
 * file in global storage (a stopped run resumes when started again with the same choices), keep the report.
 */
import * as vscode from 'vscode';
import { startBench, type BenchOptions } from '../../core/bench/run';
import { readResults } from '../../core/bench/results-file';
import { loadSuite } from '../../core/bench/suites/load';
import type { BenchReport, Suite } from '../../core/bench/types';
import { redact } from '../../core/redact';
import type { BenchViewStatus } from '../../shared/bench-protocol';
import type { Services } from '../services';
import { toAbortSignal } from '../ui';
import { noIsolation } from '../../core/bench/isolation/none';
import { parseSandboxChoice, resolveSandbox, UNSANDBOXED_RISK } from '../../core/bench/isolation/resolve';
import { SandboxUnavailableError, type Isolation } from '../../core/bench/isolation/types';
import { openSettings } from '../config';
import { CONFIG_SECTION, SettingKeys } from '../ids';
import { askChoices, askExecute, confirmUnsandboxed, findHumanEval, parseRequest } from './choices';
import { progressMessage } from './format';
import { CONTEXT_BENCHMARKING } from './ids';
import { LiveReport } from './live';
import type { BenchStore, RunIdentity } from './store';
import type { BenchReportView, ViewActivity } from './view';

export interface BenchRunResult {
  report: BenchReport;
  resultsPath: string;
  reportFile: string;
  /** The report tab's counters at the end of the run (undefined when no tab was open). */
  viewActivity: ViewActivity | undefined;
}

export class BenchRunner implements vscode.Disposable {
  private stopSource: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly services: Services,
    private readonly store: BenchStore,
    private readonly view: BenchReportView,
  ) {}

  get running(): boolean {
    return this.stopSource !== undefined;
  }

  /** Stops the run in progress; false when none runs. */
  stop(): boolean {
    this.stopSource?.cancel();
    return this.stopSource !== undefined;
  }

  /** Resolves with the run's report, or undefined when the user backed out or it could not start. */
  async run(arg: unknown): Promise<BenchRunResult | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage('A benchmark is already running; stop it first (LLM Compare: Stop benchmark).');
      return undefined;
    }
    try {
      return await this.ask(arg);
    } catch (e) {
      const message = redact(e instanceof Error ? e.message : String(e));
      this.services.log.error(`Benchmark: ${message}`);
      void vscode.window.showErrorMessage(`Benchmark: ${message}`);
      return undefined;
    }
  }

  private async ask(arg: unknown): Promise<BenchRunResult | undefined> {
    const request = parseRequest(arg);
    const registry = await this.services.getRegistry();
    const extensionPath = this.services.context.extensionUri.fsPath;
    // The configured models, then VS Code's chat models (offered, not preselected).
    const choices = await askChoices(request, [...registry.slots(), ...registry.offeredSlots()], extensionPath);
    if (!choices) return undefined;
    let suite: Suite = await loadSuite(choices.suite, { humanEvalPath: findHumanEval(extensionPath) });
    if (choices.limit !== undefined) suite = { ...suite, tasks: suite.tasks.slice(0, choices.limit) };
    const hasCode = suite.tasks.some((t) => t.kind === 'code');
    const execute = choices.execute === 'ask' ? (hasCode ? await askExecute() : false) : choices.execute && hasCode;
    if (execute === undefined) return undefined;
    const sandbox = execute ? await this.sandbox() : undefined;
    if (sandbox === null) return undefined;
    const models = registry.select(choices.models);
    const identity: RunIdentity = { suite, slots: models.map((m) => m.slot), repeats: choices.repeats, mode: choices.mode, execute };
    if (request.fresh) await this.store.discardResults(identity);
    else if (request.suite === undefined && (await this.store.resumable(identity)) > 0 && !(await this.askResume(identity))) return undefined;
    const hf = this.services.getSettings().huggingface;
    return this.execute({
      suite,
      models,
      repeats: choices.repeats,
      mode: choices.mode,
      execute,
      sandbox,
      resultsPath: this.store.resultsPath(identity),
      huggingfaceProvider: hf.endpointUrl ? 'endpoint' : hf.provider,
    }, identity);
  }

  /** Where the code will run, per the setting; null when it cannot (said why) or the user declined `none`. */
  private async sandbox(): Promise<Isolation | null> {
    const setting = `${CONFIG_SECTION}.${SettingKeys.benchSandbox}`;
    const choice = parseSandboxChoice(vscode.workspace.getConfiguration(CONFIG_SECTION).get(SettingKeys.benchSandbox), setting);
    if (choice === 'none') {
      if (!(await confirmUnsandboxed(UNSANDBOXED_RISK))) return null;
      this.services.log.warn('Benchmark: running model-written code WITHOUT a sandbox (llmCompare.bench.sandbox is "none"; confirmed).');
      return noIsolation;
    }
    try {
      const isolation = await resolveSandbox(choice);
      this.services.log.info(`Benchmark: code runs in ${isolation.kind}.`);
      return isolation;
    } catch (e) {
      if (!(e instanceof SandboxUnavailableError)) throw e;
      this.services.log.error(`Benchmark: ${e.message}`);
      const open = 'Open Setting';
      const pick = await vscode.window.showErrorMessage(`Benchmark: ${e.message.split('\n')[0]}`, { modal: true, detail: e.hint }, open);
      if (pick === open) void openSettings(setting);
      return null;
    }
  }

  /** true = go on (resuming or after discarding), false = backed out. */
  private async askResume(identity: RunIdentity): Promise<boolean> {
    const done = await this.store.resumable(identity);
    const total = identity.suite.tasks.length * identity.slots.length * identity.repeats;
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Resume', description: `${done} of ${total} samples are already done`, value: 'resume' as const },
        { label: 'Start over', description: 'discard the stopped run\u2019s samples', value: 'fresh' as const },
      ],
      { title: 'Run benchmark', placeHolder: 'A stopped run with the same choices was found', ignoreFocusOut: true },
    );
    if (choice?.value === 'fresh') await this.store.discardResults(identity);
    return choice !== undefined;
  }

  private async execute(options: BenchOptions, identity: RunIdentity): Promise<BenchRunResult> {
    const source = new vscode.CancellationTokenSource();
    this.stopSource = source;
    void vscode.commands.executeCommand('setContext', CONTEXT_BENCHMARKING, true);
    try {
      const live = await LiveReport.start(options);
      live.seed([...(await readResults(options.resultsPath ?? '')).values()].filter((s) => s.error === null));
      const title = `Benchmark: ${options.suite.name}`;
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => source.cancel());
          const abort = toAbortSignal(source.token);
          try {
            const run = startBench({ ...options, signal: abort.signal });
            let reported = 0;
            let opened = false;
            for await (const e of run.events) {
              live.add(e);
              if (e.type === 'warmup') continue;
              const p = e.progress;
              const percent = p.total ? (p.done / p.total) * 100 : 100;
              progress.report({ message: progressMessage(p), increment: percent - reported });
              reported = percent;
              this.view.show(() => live.snapshot(), { state: 'running', text: `Running ${progressMessage(p)}` }, { live: true, ifOpen: opened });
              opened = true;
            }
            return await run.done;
          } finally {
            abort.dispose();
            cancel.dispose();
          }
        },
      );
      const entry = await this.store.save(report);
      if (!report.manifest.incomplete) await this.store.discardResults(identity);
      this.view.show(() => report, finalStatus(report), { ifOpen: true });
      this.announce(report);
      return { report, resultsPath: options.resultsPath ?? '', reportFile: entry.file, viewActivity: this.view.activity };
    } finally {
      source.dispose();
      this.stopSource = undefined;
      void vscode.commands.executeCommand('setContext', CONTEXT_BENCHMARKING, false);
    }
  }

  private announce(report: BenchReport): void {
    const n = report.samples.length;
    const failed = report.samples.filter((s) => s.error !== null).length;
    const rates = report.summary.filter((s) => s.passAt1 !== null).map((s) => `${s.id} ${Math.round((s.passAt1 ?? 0) * 100)}%`);
    const quality = rates.length ? ` · pass@1 ${rates.join(', ')}` : '';
    if (report.manifest.incomplete) {
      void vscode.window.showWarningMessage(`Benchmark stopped after ${n} samples. Run it again with the same choices to resume.`);
    } else if (failed > 0) {
      void vscode.window.showWarningMessage(`Benchmark finished: ${n} samples, ${failed} generation(s) failed${quality}.`);
    } else {
      void vscode.window.showInformationMessage(`Benchmark finished: ${n} samples${quality}.`);
    }
  }

  dispose(): void {
    this.stop();
  }
}

export function finalStatus(report: BenchReport): BenchViewStatus {
  const n = report.samples.length;
  const when = new Date(report.manifest.date).toLocaleString();
  return report.manifest.incomplete
    ? { state: 'stopped', text: `Stopped after ${n} samples (${when}); run it again with the same choices to resume` }
    : { state: 'finished', text: `Finished: ${n} samples (${when})` };
}
