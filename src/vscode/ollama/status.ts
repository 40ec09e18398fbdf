/**
 * The Ollama status bar item: reachable or not, its version, missing models. Refreshed when the extension
 * activates, whenever the settings change, on a click, and every 30 s only while it can be seen (window focused,
 * item shown: see RefreshSchedule); in the background nothing asks Ollama anything. Clicking it explains what is
 * wrong (host, the IPv6 `localhost` trap, not running) and offers the fixes.
 */
import * as vscode from 'vscode';
import type { OllamaDiagnosis } from '../../core/providers/ollama';
import { openSettings } from '../config';
import { CONFIG_SECTION, Commands, SettingKeys } from '../ids';
import type { Services } from '../services';
import type { Ui } from '../ui';
import { missingLocalModels } from './pull';
import { RefreshSchedule } from './refresh-schedule';

const REFRESH_MS = 30_000;
const PROBE_TIMEOUT_MS = 3_000;

export interface OllamaState {
  diagnosis: OllamaDiagnosis | undefined;
  missing: string[];
  /** Ollama models configured at all (no item when there are none). */
  configured: number;
}

export class OllamaStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llmCompare.ollama', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[] = [];
  private readonly schedule = new RefreshSchedule({ intervalMs: REFRESH_MS, refresh: () => void this.refresh() });
  private inFlight: Promise<OllamaState> | undefined;
  /** The item is on the status bar (hidden without Ollama models or with invalid settings). */
  private shown = false;
  state: OllamaState = { diagnosis: undefined, missing: [], configured: 0 };

  constructor(private readonly services: Services, private readonly ui: Ui) {
    this.item.name = 'LLM Compare: Ollama';
    this.item.command = Commands.showOllamaStatus;
    this.item.text = '$(sync~spin) Ollama';
    this.subs.push(
      services.onDidChangeModels(() => void this.refresh()),
      vscode.window.onDidChangeWindowState(() => this.updateVisibility()),
    );
    void this.refresh();
  }

  /** Probes the server (coalescing concurrent calls) and updates the item. */
  refresh(): Promise<OllamaState> {
    if (!this.inFlight) this.schedule.refreshed();
    this.inFlight ??= this.probe().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** True while the status is probed periodically (tests). */
  get polling(): boolean {
    return this.schedule.polling;
  }

  private updateVisibility(): void {
    this.schedule.setVisible(vscode.window.state.focused && this.shown);
  }

  private show(visible: boolean): void {
    this.shown = visible;
    if (visible) this.item.show();
    else this.item.hide();
    this.updateVisibility();
  }

  private async probe(): Promise<OllamaState> {
    let state: OllamaState;
    try {
      const registry = await this.services.getRegistry();
      const configured = registry.slots().filter((s) => s.provider === 'ollama').length;
      const diagnosis = await registry.ollama.diagnose(AbortSignal.timeout(PROBE_TIMEOUT_MS)).catch(
        (): OllamaDiagnosis => ({ reachable: false, host: registry.ollama.host, reason: `No answer within ${PROBE_TIMEOUT_MS / 1000} s.` }),
      );
      const missing = diagnosis.reachable ? await missingLocalModels(registry, AbortSignal.timeout(PROBE_TIMEOUT_MS)).catch(() => []) : [];
      state = { diagnosis, missing, configured };
    } catch {
      state = { diagnosis: undefined, missing: [], configured: 0 }; // invalid settings: reported elsewhere
    }
    this.state = state;
    this.render();
    return state;
  }

  private render(): void {
    const { diagnosis: d, missing, configured } = this.state;
    if (!d || configured === 0) return this.show(false);
    const tip = new vscode.MarkdownString(undefined, true);
    if (d.reachable) {
      this.item.text = `$(server) Ollama ${d.version ?? ''}`.trimEnd() + (missing.length ? ` $(cloud-download) ${missing.length}` : '');
      this.item.backgroundColor = undefined;
      tip.appendMarkdown(`**Ollama ${d.version ?? ''}** at \`${d.host}\`\n\n`);
      tip.appendMarkdown(missing.length ? `Not installed: ${missing.map((m) => `\`${m}\``).join(', ')}` : 'All configured local models are installed.');
    } else {
      this.item.text = '$(warning) Ollama offline';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      tip.appendMarkdown(`**Ollama is not reachable** at \`${d.host}\`\n\n${d.reason ?? ''}`);
    }
    tip.appendMarkdown('\n\nClick for details and fixes.');
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: this.item.text.replace(/\$\([^)]+\)\s*/g, '') };
    this.show(true);
  }

  /** The click: a fresh diagnosis as a quick pick of facts and actions. Returns the state it showed (tests). */
  async showDetails(): Promise<OllamaState> {
    const state = await this.refresh();
    const d = state.diagnosis;
    type Item = vscode.QuickPickItem & { run?: () => unknown };
    const items: Item[] = [];
    const host = d?.host ?? '(settings invalid)';
    if (d && !d.reachable) {
      items.push({ label: '$(error) Not reachable', detail: d.reason });
      if (d.ipv6Hint) {
        items.push({
          label: '$(lightbulb) Use 127.0.0.1 instead of localhost',
          detail: '"localhost" resolved to the IPv6 address ::1, but Ollama listens on IPv4 (127.0.0.1) only.',
          run: () => this.useIpv4(host),
        });
      }
      items.push({ label: '$(copy) Copy "ollama serve"', detail: 'Start Ollama in a terminal, then retry.', run: () => vscode.env.clipboard.writeText('ollama serve') });
    }
    if (state.missing.length) {
      items.push({ label: `$(cloud-download) Pull missing models (${state.missing.length})`, detail: state.missing.join(', '), run: () => vscode.commands.executeCommand(Commands.checkLocalModels, { models: state.missing }) });
    }
    items.push(
      { label: '$(refresh) Retry', run: () => this.showDetails() },
      { label: '$(settings-gear) Open Settings', description: `${CONFIG_SECTION}.${SettingKeys.ollamaHost}`, run: () => openSettings(`${CONFIG_SECTION}.${SettingKeys.ollamaHost}`) },
      { label: '$(output) Show log', run: () => vscode.commands.executeCommand(Commands.showLog) },
    );
    const title = d?.reachable ? `Ollama ${d.version ?? ''} at ${host}` : `Ollama is not reachable at ${host}`;
    const picked = await this.ui.pick(items, { title, placeHolder: d?.reachable ? 'Ollama is running. Pick an action' : 'Is Ollama running? Pick a fix' });
    await picked?.run?.();
    return state;
  }

  private async useIpv4(host: string): Promise<void> {
    const fixed = host.replace(/\/\/(localhost|\[::1\])/i, '//127.0.0.1');
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update(SettingKeys.ollamaHost, fixed, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.schedule.dispose();
    this.subs.forEach((s) => s.dispose());
    this.item.dispose();
  }
}

export function registerOllamaStatus(services: Services, ui: Ui): { disposable: vscode.Disposable; status: OllamaStatus } {
  const status = new OllamaStatus(services, ui);
  const command = vscode.commands.registerCommand(Commands.showOllamaStatus, () => status.showDetails());
  return { disposable: vscode.Disposable.from(status, command), status };
}
