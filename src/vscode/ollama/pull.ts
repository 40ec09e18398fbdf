/**
 * "Check/Pull local models": which configured Ollama models are missing, and pulling them with a real progress bar
 * (bytes done / total over every layer). Cancel aborts the pull request, which stops Ollama's download.
 */
import * as vscode from 'vscode';
import type { ModelRegistry } from '../../core/providers/registry';
import { sameModel } from '../../core/providers/ollama-models';
import { toLlmError } from '../../core/providers/errors';
import { showProblem } from '../errors';
import { Commands } from '../ids';
import type { Services } from '../services';
import { toAbortSignal, type Ui } from '../ui';

export interface PullOutcome {
  model: string;
  status: 'installed' | 'cancelled' | 'failed';
  /** Progress reports shown to the user. */
  reports: number;
  totalBytes: number;
  error?: string;
}

export interface CheckOutcome {
  reachable: boolean;
  missing: string[];
  pulls: PullOutcome[];
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  for (; n >= 1000 && i < units.length - 1; i++) n /= 1000;
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** Configured Ollama models that the server does not have. Throws when the server cannot be asked. */
export async function missingLocalModels(registry: ModelRegistry, signal?: AbortSignal): Promise<string[]> {
  const wanted = [...new Set(registry.slots().filter((s) => s.provider === 'ollama').map((s) => s.model))];
  if (wanted.length === 0) return [];
  const installed = await registry.ollama.listInstalled(signal);
  return wanted.filter((w) => !installed.some((i) => sameModel(i.name, w)));
}

/** `host`: the Ollama server to pull into (a model's own endpoint); the configured default when absent. */
export async function pullWithProgress(registry: ModelRegistry, model: string, log: vscode.LogOutputChannel, host?: string): Promise<PullOutcome> {
  const started = Date.now();
  log.info(`pull: ${model} into ${host ?? registry.ollama.host}`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pulling ${model}`, cancellable: true },
    async (progress, token): Promise<PullOutcome> => {
      const abort = toAbortSignal(token);
      const layers = new Map<string, { total: number; completed: number }>();
      let shownPercent = 0;
      let reports = 0;
      let totalBytes = 0;
      try {
        for await (const p of registry.ollama.pull(model, abort.signal, host)) {
          if (p.digest && p.total) layers.set(p.digest, { total: p.total, completed: p.completed ?? 0 });
          totalBytes = [...layers.values()].reduce((n, l) => n + l.total, 0);
          const done = [...layers.values()].reduce((n, l) => n + l.completed, 0);
          // A new layer raises the total, so the percentage can drop; the bar only moves forward.
          const percent = totalBytes > 0 ? Math.min(100, (done / totalBytes) * 100) : 0;
          const increment = Math.max(0, percent - shownPercent);
          shownPercent = Math.max(shownPercent, percent);
          const bytes = totalBytes > 0 ? ` — ${formatBytes(done)} of ${formatBytes(totalBytes)}` : '';
          progress.report({ increment, message: `${p.status}${bytes}` });
          reports++;
        }
        log.info(`pull: ${model} installed (${formatBytes(totalBytes)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return { model, status: 'installed', reports, totalBytes };
      } catch (e) {
        const err = toLlmError(e);
        const status = err.kind === 'cancelled' ? 'cancelled' : 'failed';
        log[status === 'cancelled' ? 'info' : 'error'](`pull: ${model} ${status}: ${err.message}`);
        return { model, status, reports, totalBytes, error: err.message };
      } finally {
        abort.dispose();
      }
    },
  );
}

export interface CheckArgs {
  /** Pull these without asking (the status bar's "Pull missing models", tests). */
  models?: string[];
}

export function registerLocalModels(services: Services, ui: Ui, onPulled: () => void): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.checkLocalModels, async (args?: CheckArgs): Promise<CheckOutcome> => {
    let registry: ModelRegistry;
    let missing: string[];
    try {
      registry = await services.getRegistry();
      missing = await missingLocalModels(registry);
    } catch (e) {
      const err = toLlmError(e);
      void showProblem(ui, 'Check local models', { message: err.message, fix: err.kind === 'config' ? 'open-settings' : 'start-ollama' });
      return { reachable: err.kind === 'config', missing: [], pulls: [] };
    }
    const local = registry.slots().filter((s) => s.provider === 'ollama');
    if (missing.length === 0) {
      const what = local.length ? `All local models are installed: ${local.map((s) => s.model).join(', ')}.` : 'No local (Ollama) models are configured.';
      void ui.message('info', what);
      return { reachable: true, missing, pulls: [] };
    }
    let chosen = args?.models;
    if (!chosen) {
      const items = missing.map((m) => ({ label: m, description: local.filter((s) => s.model === m).map((s) => s.label).join(', '), picked: true }));
      const picked = await ui.pickMany(items, { title: 'Pull missing local models', placeHolder: 'Not installed in Ollama — pick the ones to download (several GB each)' });
      if (!picked || picked.length === 0) return { reachable: true, missing, pulls: [] };
      chosen = picked.map((p) => p.label);
    }
    const pulls: PullOutcome[] = [];
    for (const model of chosen) {
      const outcome = await pullWithProgress(registry, model, services.log);
      pulls.push(outcome);
      if (outcome.status === 'failed') void showProblem(ui, `Pulling ${model} failed`, { message: outcome.error ?? 'unknown error' });
      if (outcome.status === 'cancelled') break;
    }
    onPulled();
    const ok = pulls.filter((p) => p.status === 'installed').map((p) => p.model);
    if (ok.length) void ui.message('info', `Installed in Ollama: ${ok.join(', ')}.`);
    return { reachable: true, missing, pulls };
  });
}
