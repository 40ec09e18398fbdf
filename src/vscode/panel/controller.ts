/**
 * Runs comparisons for the panel and keeps every open webview (side bar, editor tab) in step with them. The run's
 * snapshot here is the truth; webviews are views of it that may come and go (hide/show, reload).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startComparison, type Comparison } from '../../core/compare/run';
import { codeForInsert } from '../../core/fences';
import type { RunMode } from '../../core/compare/types';
import { inputBudgetChars } from '../../core/prompt-input';
import { toLlmError } from '../../core/providers/errors';
import { targetOf } from '../../core/providers/slot-target';
import type { ChatMessage } from '../../core/providers/types';
import { assertNever, type ChooserInfo, type ColumnSnapshot, type FromWebview, type Prefs, type RunSnapshot, type ToWebview } from '../../shared/protocol';
import type { LanguageModels } from '../lm/register';
import { whereItRuns } from '../lm/where';
import type { Services } from '../services';
import type { EditorBridge } from './editor';
import { RunHistory } from './history';
import { PREFS_KEY } from './ids';
import { applyEvent, emptyColumn, isRunning, newRun, promptWithContext } from './run-state';
import { isSealed, makeBlind, slotIdFromView, viewOfMessage, viewOfRun, voteFor } from './blind';
import type { VoteStore } from '../judge/store';
import { locationOfSlot } from '../../core/providers/location';
import type { VoteVerdict } from '../../core/judge/votes';
import type { WebviewPort } from './port';
import type { EngineOfferView } from '../../shared/engine-offer';

export interface StartRequest {
  prompt: string;
  messages: ChatMessage[];
  modelIds?: string[];
  mode: RunMode;
  /** Shuffle and seal the columns until the user votes. */
  blind?: boolean;
  /** The editor language of the context sent, kept with a blind vote. */
  language?: string | null;
}

/** Things the controller asks of VS Code for webview messages it does not handle itself. */
export interface PanelHost {
  editor: EditorBridge;
  fix(fix: Exclude<import('../../core/providers/errors').FixAction, 'retry'>, column: { id: string; model: string; message: string }): void;
  openLink(href: string): void;
  openInTab(): void;
  /** Asks before code with invisible characters (bidi overrides…) goes into the editor; true = go ahead. */
  confirmInsert(code: string): Promise<boolean>;
  /** Blind votes: where they are kept, whether prompts are kept with them, and the leaderboard view. */
  votes: VoteStore;
  keepPrompts(): boolean;
  openLeaderboard(): void;
  /** The built-in engine's first-run offer; null when some model can answer (src/vscode/engine/offer.ts decides). */
  engineOffer(): Promise<EngineOfferView | null>;
  /** The offer's button: "Use the built-in engine". */
  setUpEngine(): void;
}

/** Deltas are coalesced for this long before being posted: one message per column per frame, not per token. */
const DELTA_FLUSH_MS = 16;

export class CompareController implements vscode.Disposable {
  private run: RunSnapshot | null;
  private readonly ports = new Set<WebviewPort>();
  private readonly active = new Map<Comparison, string>();
  /** Which comparison feeds each column (`runId/columnId`): after a retry, only the new one does. */
  private readonly feeds = new Map<string, Comparison>();
  private readonly messagesByRun = new Map<string, ChatMessage[]>();
  private readonly history: RunHistory;
  private pending = new Map<string, Extract<ToWebview, { type: 'delta' }>>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly services: Services,
    private readonly host: PanelHost,
    private readonly chatModels: LanguageModels,
  ) {
    this.history = new RunHistory(services.context.workspaceState);
    // A window reload shows the last run again.
    this.run = this.history.latest();
  }

  get prefs(): Prefs {
    const p = this.services.context.workspaceState.get<Partial<Prefs>>(PREFS_KEY);
    const selected = Array.isArray(p?.selected) ? p.selected.filter((id): id is string => typeof id === 'string') : null;
    return { mode: p?.mode === 'sequential' ? 'sequential' : 'parallel', includeContext: p?.includeContext === true, blind: p?.blind === true, selected };
  }

  addPort(port: WebviewPort): vscode.Disposable {
    this.ports.add(port);
    return new vscode.Disposable(() => this.ports.delete(port));
  }

  /** Tells every webview about changed models (settings edited). */
  async refreshModels(): Promise<void> {
    this.broadcast({ type: 'models', models: await this.models() });
    await this.refreshOffer();
  }

  /** Looks again whether to offer the built-in engine (it probes Ollama: after the view is drawn, never before). */
  async refreshOffer(): Promise<void> {
    const offer = await this.host.engineOffer().catch(() => null);
    this.broadcast({ type: 'engineOffer', offer });
  }

  async handle(message: FromWebview, port: WebviewPort): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.flush();
        port.markReady({ type: 'init', models: await this.models(), prefs: this.prefs, history: this.history.entries(), run: this.run && viewOfRun(this.run) });
        return this.refreshOffer();
      case 'run': {
        await this.savePrefs(message.prefs);
        const got = message.prefs.includeContext ? this.host.editor.context(this.inputBudget()) : null;
        if (message.prefs.includeContext && !got) this.notice('info', 'No open editor: the prompt is sent without context.');
        if (got && 'skipped' in got) this.notice('info', `${got.skipped} The prompt is sent without context.`);
        else if (got?.warning) this.notice('info', got.warning);
        const content = promptWithContext(message.prompt, got && !('skipped' in got) ? got : null);
        const modelIds = await this.chosenIds(message.prefs.selected);
        if (modelIds?.length === 0) return this.notice('error', 'Tick at least one model in the chooser to compare.');
        // A run from the Compare button is the user action VS Code asks for before a chat model's first use.
        return this.start({ prompt: message.prompt, messages: [{ role: 'user', content }], mode: message.prefs.mode, modelIds, blind: message.prefs.blind === true, language: got && !('skipped' in got) ? got.languageId : null });
      }
      case 'prefs':
        return this.savePrefs(message.prefs);
      case 'stop': {
        if (message.columnId === undefined) return this.stop(message.runId);
        const id = this.slotId(message.runId, message.columnId);
        return id ? this.stop(message.runId, id) : undefined;
      }
      case 'retry': {
        const id = this.slotId(message.runId, message.columnId);
        return id ? this.retry(message.runId, id) : undefined;
      }
      case 'action': {
        const id = this.slotId(message.runId, message.columnId);
        return id ? this.columnAction({ ...message, columnId: id }) : undefined;
      }
      case 'fix': {
        const id = this.slotId(message.runId, message.columnId);
        if (!id) return;
        if (message.fix === 'retry') return this.retry(message.runId, id);
        // A fix names the provider ("Set API key" = Hugging Face): not offered in a sealed run.
        const col = this.column(message.runId, id);
        if (col && !isSealed(this.runById(message.runId))) this.host.fix(message.fix, { id, model: col.model, message: col.error?.message ?? '' });
        return;
      }
      case 'vote':
        return this.vote(message.runId, message.verdict, message.ranking);
      case 'openLeaderboard':
        return this.host.openLeaderboard();
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'openLink':
        return this.host.openLink(message.href);
      case 'openHistory': {
        const run = message.runId === this.run?.runId ? this.run : this.history.get(message.runId);
        if (run) {
          this.run = run;
          this.broadcast({ type: 'run', run: viewOfRun(run) });
        }
        return;
      }
      case 'openInTab':
        return this.host.openInTab();
      case 'setUpEngine':
        return this.host.setUpEngine();
      default:
        assertNever(message);
    }
  }

  /** Starts a run in every open view; the previous run, if still going, is stopped first. */
  async start(request: StartRequest): Promise<void> {
    this.stopAll();
    let models;
    let registry;
    try {
      registry = await this.services.getRegistry();
      models = registry.select(request.modelIds);
    } catch (e) {
      this.notice('error', toLlmError(e).message);
      return;
    }
    const settings = registry.settings;
    let run = newRun(`r${Date.now().toString(36)}${randomBytes(4).toString('hex')}`, request.prompt, request.mode, models.map((m) => m.slot), Date.now(), (s) => targetOf(s, settings)?.host);
    run.columns = run.columns.map((c) => this.withVendor(c));
    if (request.blind) {
      run = makeBlind(run, randomBytes(4).readUInt32LE(0), request.language ?? null);
      // Sequential runs go in the shuffled order too: "the first column answers first" must not name a model.
      const order = run.columns.map((c) => c.id);
      models = [...models].sort((a, b) => order.indexOf(a.slot.id) - order.indexOf(b.slot.id));
    }
    this.run = run;
    this.messagesByRun.set(run.runId, request.messages);
    this.broadcast({ type: 'run', run: viewOfRun(run) });
    const comparison = startComparison({ prompt: request.messages, models, mode: request.mode });
    void this.consume(run, comparison, run.columns.map((c) => c.id));
  }

  stopAll(): void {
    for (const c of this.active.keys()) c.cancel();
  }

  private stop(runId: string, columnId?: string): void {
    for (const [c, id] of this.active) if (id === runId) c.cancel(columnId);
  }

  private async retry(runId: string, columnId: string): Promise<void> {
    const run = this.run?.runId === runId ? this.run : null;
    const i = run?.columns.findIndex((c) => c.id === columnId) ?? -1;
    if (!run || i < 0) return;
    this.stop(runId, columnId);
    let models;
    let registry;
    try {
      registry = await this.services.getRegistry();
      models = registry.select([columnId]);
    } catch (e) {
      this.notice('error', toLlmError(e).message);
      return;
    }
    run.columns[i] = this.withVendor(emptyColumn(models[0].slot, targetOf(models[0].slot, registry.settings)?.host));
    run.finished = false;
    this.broadcast(viewOfMessage(run, { type: 'columnReset', runId, columnId }));
    const messages = this.messagesByRun.get(runId) ?? [{ role: 'user', content: run.prompt }];
    void this.consume(run, startComparison({ prompt: messages, models, mode: 'parallel' }), [columnId]);
  }

  private async consume(run: RunSnapshot, comparison: Comparison, columnIds: string[]): Promise<void> {
    this.active.set(comparison, run.runId);
    const keys = columnIds.map((id) => `${run.runId}/${id}`);
    keys.forEach((k) => this.feeds.set(k, comparison));
    try {
      for await (const event of comparison.events) {
        // A column retried while streaming: the old stream's last events (its "cancelled") must not land on it.
        if (this.feeds.get(`${run.runId}/${event.slotId}`) !== comparison) continue;
        const applied = applyEvent(run, event);
        if (!applied) continue;
        const message = viewOfMessage(run, applied);
        if (message.type === 'delta') this.queueDelta(message);
        else this.broadcast(message);
      }
    } finally {
      this.active.delete(comparison);
      keys.forEach((k) => this.feeds.get(k) === comparison && this.feeds.delete(k));
    }
    if (!isRunning(run)) {
      run.finished = true;
      this.broadcast({ type: 'runFinished', runId: run.runId });
      await this.history.save(run);
      this.broadcast({ type: 'history', entries: this.history.entries() });
    }
  }

  private async columnAction(message: Extract<FromWebview, { type: 'action' }>): Promise<void> {
    const col = this.column(message.runId, message.columnId);
    if (!col || col.text.trim() === '') return this.notice('info', 'That column has no answer yet.');
    const bridge = this.host.editor;
    let problem: string | null = null;
    switch (message.action) {
      case 'insert':
        if (!(await this.host.confirmInsert(codeForInsert(col.text)))) return;
        problem = await bridge.insert(col.text);
        break;
      case 'replace':
        if (!(await this.host.confirmInsert(codeForInsert(col.text)))) return;
        problem = await bridge.replace(col.text);
        break;
      case 'diff':
        problem = await bridge.diff(col.text, isSealed(this.runById(message.runId)) ? `Model ${this.runById(message.runId)?.blind?.letters[col.id] ?? '?'}` : col.label);
        break;
      case 'copy':
        await vscode.env.clipboard.writeText(col.text);
        break;
      default:
        assertNever(message.action);
    }
    if (problem) this.notice('error', problem);
  }

  private column(runId: string, columnId: string) {
    return this.runById(runId)?.columns.find((c) => c.id === columnId) ?? null;
  }

  private runById(runId: string): RunSnapshot | null {
    return this.run?.runId === runId ? this.run : this.history.get(runId);
  }

  /** A column id as a view sent it (a letter in a sealed run) → the slot id; null for a column the run lacks. */
  private slotId(runId: string, columnId: string): string | null {
    const run = this.runById(runId);
    return run ? slotIdFromView(run, columnId) : null;
  }

  /** Stores the verdict of a finished blind run, then reveals it to every view. A second vote is ignored. */
  private async vote(runId: string, verdict: VoteVerdict, ranking: string[][]): Promise<void> {
    const run = this.runById(runId);
    if (!run || !isSealed(run)) return;
    if (isRunning(run)) return this.notice('info', 'Wait until every model has finished (or stop them), then vote.');
    let registry;
    try {
      registry = await this.services.getRegistry();
    } catch {
      registry = null;
    }
    let vote;
    try {
      vote = voteFor(run, verdict, ranking, {
        id: `v${Date.now().toString(36)}${randomBytes(4).toString('hex')}`,
        at: new Date(),
        keepPrompt: this.host.keepPrompts(),
        slotOf: (slotId) => {
          const slot = registry?.slots().find((s) => s.id === slotId);
          if (!slot || !registry) return null;
          const endpoint = registry.endpointOf(slot) ?? null;
          return { slot, endpoint, location: locationOfSlot(slot, endpoint ?? undefined) };
        },
      });
    } catch (e) {
      return this.notice('error', `The vote was not recorded: ${(e as Error).message}`);
    }
    await this.host.votes.add(vote);
    run.blind = { ...run.blind!, vote: { verdict, ranking: vote.ranking } };
    await this.history.save(run);
    if (this.run?.runId === runId) this.broadcast({ type: 'run', run });
  }

  /** A VS Code chat model's column names its vendor (`copilot`, …): the slot itself has no endpoint to show. */
  private withVendor(col: ColumnSnapshot): ColumnSnapshot {
    const vendor = col.provider === 'vscode-lm' ? this.chatModels.catalog.vendorOf(col.id) : undefined;
    return vendor ? { ...col, where: vendor } : col;
  }

  /** The chooser's ticks that still exist, in chooser order; undefined = never chosen (every configured model). */
  private async chosenIds(selected: string[] | null): Promise<string[] | undefined> {
    if (selected === null) return undefined;
    const available = new Set((await this.models()).choices.map((c) => c.id));
    return selected.filter((id) => available.has(id));
  }

  /** Every configured model with its host, then the chat models VS Code offers. */
  private async models(): Promise<ChooserInfo> {
    const offerNote = this.chatModels.offerUnavailable;
    const catalog = this.chatModels.catalog;
    const chat = catalog.slots().map((s) => ({ id: s.id, label: s.label, provider: s.provider, model: s.model, where: catalog.vendorOf(s.id) ?? 'VS Code chat', group: 'vscode-lm' as const }));
    try {
      const registry = await this.services.getRegistry();
      const configured = registry.slots().map((s) => {
        const host = targetOf(s, registry.settings)?.host;
        return { id: s.id, label: s.label, provider: s.provider, model: s.model, where: whereItRuns(s, registry.settings), group: 'configured' as const, ...(host ? { host } : {}) };
      });
      return { choices: [...configured, ...chat], offerNote };
    } catch (e) {
      this.notice('error', toLlmError(e).message);
      return { choices: chat, offerNote };
    }
  }

  private async savePrefs(prefs: Prefs): Promise<void> {
    await this.services.context.workspaceState.update(PREFS_KEY, prefs);
  }

  /** What the editor context may take so that it fits every model (invalid settings: the run reports them). */
  private inputBudget(): number | undefined {
    try {
      return inputBudgetChars(this.services.getSettings().models, this.services.getSettings().engine);
    } catch {
      return undefined;
    }
  }

  private notice(level: 'info' | 'error', message: string): void {
    this.broadcast({ type: 'notice', level, message });
  }

  private queueDelta(message: Extract<ToWebview, { type: 'delta' }>): void {
    const key = `${message.runId}/${message.columnId}`;
    const prev = this.pending.get(key);
    this.pending.set(key, prev ? { ...prev, text: prev.text + message.text } : message);
    this.flushTimer ??= setTimeout(() => this.flush(), DELTA_FLUSH_MS);
  }

  /** Sends coalesced deltas; called before any other message so the order a view sees is the order of events. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const pending = this.pending;
    this.pending = new Map();
    for (const m of pending.values()) for (const p of this.ports) p.post(m);
  }

  private broadcast(message: ToWebview): void {
    this.flush();
    for (const p of this.ports) p.post(message);
  }

  dispose(): void {
    this.stopAll();
    this.flush();
    this.ports.clear();
  }
}
