/**
 * "LLM Compare: Use the built-in engine": looks up what is missing (the plan: sizes as the servers report them), asks
 * in a modal what will be downloaded from where to where, downloads with a cancellable byte progress, then makes sure
 * a `llamacpp` model is configured. Loaded on the command's first use, never at activation.
 */
import * as vscode from 'vscode';
import { defaultEngineSettings } from '../../core/engine/engine-settings';
import { CancelledError, toLlmError } from '../../core/providers/errors';
import { Commands } from '../ids';
import { readModelList, writableScope, writeModelList } from '../models/settings-store';
import { COMPARE_VIEW_ID } from '../panel/ids';
import type { Services } from '../services';
import { toAbortSignal, type Ui } from '../ui';
import { engineEntry, hasEngineEntry } from './model-entry';
import type { EngineSetupPlan, EngineSetupProgress, SetupModule } from './setup-types';
import { consentText, isNetworkFailure, NETWORK_HINT, percent, progressLine } from './words';

export type SetupOutcome = 'done' | 'declined' | 'cancelled' | 'failed' | 'busy';

export interface SetupDeps {
  services: Services;
  ui: Ui;
  /** The core's set-up functions (src/core/engine/setup.ts), loaded on first use. */
  setup: () => SetupModule;
  /** Called when a run ends, however it ended (the panel's offer looks again: the network may be back). */
  settled?: () => void;
}

let running: Promise<SetupOutcome> | undefined;

/** Runs the set-up; a second call while one runs says so instead of starting another download. */
export function setUpEngine(deps: SetupDeps): Promise<SetupOutcome> {
  if (running) {
    void deps.ui.message('info', 'The built-in engine is already being set up: see its progress notification.');
    return Promise.resolve('busy');
  }
  running = flow(deps).finally(() => {
    running = undefined;
    deps.settled?.();
  });
  return running;
}

async function flow(deps: SetupDeps): Promise<SetupOutcome> {
  const { services, ui, setup } = deps;
  const log = services.log;
  let engine;
  try {
    engine = services.getSettings().engine ?? defaultEngineSettings();
  } catch (e) {
    void ui.message('error', `The built-in engine cannot be set up: ${toLlmError(e).message}`);
    return 'failed';
  }
  const host = { cacheDir: services.context.globalStorageUri.fsPath, env: process.env };
  const core = setup();

  // Cancel is the user's word, whatever error the interrupted request then raises (a lookup says "cannot reach").
  let cancelled = false;
  const withCancel = <T>(title: string, work: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = toAbortSignal(token);
      const sub = token.onCancellationRequested(() => (cancelled = true));
      try {
        return await work(abort.signal, progress);
      } finally {
        sub.dispose();
        abort.dispose();
      }
    });

  let plan: EngineSetupPlan;
  try {
    plan = await withCancel('Looking up the built-in engine\'s downloads…', (signal) => core.planEngineSetup(engine, { ...host, signal }));
  } catch (e) {
    if (cancelled) return wasCancelled(deps, 'Looking up the built-in engine\'s downloads was cancelled; nothing was downloaded.');
    return failed(deps, 'look up the built-in engine\'s downloads', e);
  }
  log.info(`engine set-up: binary ${plan.binary.present ? `present at ${plan.binary.path}` : `from ${plan.binary.source} (${plan.binary.bytes ?? 'size unknown'} bytes)`}; model ${plan.model.present ? `present at ${plan.model.path}` : `from ${plan.model.source} (${plan.model.bytes ?? 'size unknown'} bytes)`}`);

  if (!plan.binary.present || !plan.model.present) {
    const consent = consentText(plan, host.cacheDir);
    if (!(await ui.confirm(consent.message, consent.detail, consent.action))) {
      log.info('engine set-up: declined at the consent dialog; nothing was downloaded.');
      return 'declined';
    }
    try {
      await withCancel('Built-in engine', async (signal, progress) => {
        progress.report({ message: 'Starting the download…' });
        await core.runEngineSetup(plan, { ...host, signal, onProgress: progressReporter(plan, (message, increment) => progress.report({ message, increment })) });
      });
      services.builtInEngine.filesChanged();
    } catch (e) {
      if (cancelled || e instanceof CancelledError) {
        return wasCancelled(deps, 'Built-in engine set-up cancelled. The partial download is kept: run "LLM Compare: Use the built-in engine" again to resume.');
      }
      return failed(deps, 'set up the built-in engine', e);
    }
  }
  const added = await addModelIfNone(engine);
  if (added) log.info(`engine set-up: added "${added.id}" (llamacpp ${added.model}) to the models.`);
  const text = added ? `The built-in engine is ready: "${added.label}" was added to your models.` : 'The built-in engine is ready.';
  void ui.message('info', text, 'Open comparison').then((choice) => {
    if (choice === 'Open comparison') void vscode.commands.executeCommand(`${COMPARE_VIEW_ID}.focus`);
  });
  return 'done';
}

/** Adds the engine's model to `llmCompare.models` unless a `llamacpp` model is there already. */
async function addModelIfNone(engine: ReturnType<typeof defaultEngineSettings>): Promise<ReturnType<typeof engineEntry> | null> {
  const list = readModelList();
  const current = list.raw.length ? list.raw : list.checks.flatMap((c) => (c.ok ? [c.slot] : []));
  if (hasEngineEntry(current)) return null;
  const entry = engineEntry(engine, current);
  await writeModelList([...current, entry], writableScope(list.scope));
  return entry;
}

/**
 * Turns the core's byte progress into VS Code's (an increment in percent of the whole): by bytes when every size is
 * known, else per file. One report per new percent, so a fast download does not flood the notification.
 */
function progressReporter(plan: EngineSetupPlan, report: (message: string, increment?: number) => void): (p: EngineSetupProgress) => void {
  const files = [plan.binary, plan.model].filter((f) => !f.present);
  const whole = plan.downloadBytes;
  const done = new Map<string, number>();
  let shown = 0;
  let lastAt = 0;
  return (p) => {
    done.set(p.what, p.received);
    let overall: number | null = null;
    if (whole && whole > 0) overall = percent([...done.values()].reduce((a, b) => a + b, 0), whole);
    else if (p.total && files.length) overall = Math.floor((files.findIndex((f) => f.what === p.what) * 100 + percent(p.received, p.total)) / files.length);
    const increment = overall !== null && overall > shown ? overall - shown : 0;
    const now = Date.now();
    // A new percent is always shown; otherwise (sizes unknown) the megabytes at most four times a second.
    if (!increment && now - lastAt < 250) return;
    lastAt = now;
    if (increment) shown = overall!;
    report(progressLine(p, plan), increment || undefined);
  };
}

function wasCancelled(deps: SetupDeps, text: string): SetupOutcome {
  deps.services.log.info(`engine set-up: ${text}`);
  void deps.ui.message('info', text);
  return 'cancelled';
}

/** Says what failed and what fixes it; Retry runs the whole set-up again (finished files are kept). Not awaited. */
function failed(deps: SetupDeps, what: string, e: unknown): SetupOutcome {
  const error = toLlmError(e);
  const hint = isNetworkFailure(e) ? ` ${NETWORK_HINT}` : '';
  deps.services.log.error(`engine set-up: could not ${what}: ${error.message}`);
  void deps.ui.message('error', `Could not ${what}: ${error.message}${hint}`, 'Retry', 'Show log').then((choice) => {
    if (choice === 'Show log') void vscode.commands.executeCommand(Commands.showLog);
    if (choice === 'Retry') void setUpEngine(deps);
  });
  return 'failed';
}
