/**
 * What the models view shows: the entries of `llmCompare.models` (re-read from settings every time, broken ones
 * included) and the last checked state of each model. Checks run on demand and when the view becomes visible after
 * a change, never on a timer: a hidden view costs nothing.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { EntryCheck } from '../../core/model-entries';
import type { ModelState } from '../../core/providers/model-health';
import { targetOf } from '../../core/providers/slot-target';
import type { ModelSlot } from '../../core/providers/types';
import type { Settings } from '../../core/settings';
import type { ApiKeyStore } from '../apikey';
import type { EngineView } from '../engine/view';
import type { BuiltInEngine } from '../services';
import { readServerSettings } from '../config';
import type { ModelKeyStore } from './model-keys';
import { readModelList, type ModelList } from './settings-store';
import { ownEndpointOf, tokenFor } from './tokens';

/** `engine`: a built-in engine model, shown by its engine's files and process (not by a server check). */
export type ShownState = ModelState | { kind: 'loading' } | { kind: 'engine'; engine: EngineView };

/** A model's check must not keep the view spinning: past this it is "not reachable (no answer)". */
const CHECK_TIMEOUT_MS = 8000;

export class ModelsState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The list changed (entries, order, default, keys): everything is redrawn. */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<string>();
  /** One model's state changed: only its row is redrawn (a redraw of the whole tree would cancel a click under way). */
  readonly onDidChangeState = this.stateChanged.event;
  private list: ModelList = readModelList();
  private settings: Settings = readServerSettings();
  /** Each state with the fingerprint of what it was checked for: an unchanged model keeps its state across edits. */
  private readonly states = new Map<string, { fingerprint: string; state: ShownState }>();
  private fireTimer: NodeJS.Timeout | undefined;
  private readonly keyed = new Set<string>();
  private generation = 0;
  private running: AbortController | undefined;
  /** Something changed while nobody looked: check again when the view is shown. */
  private stale = true;
  private visible = false;

  private readonly engineSub: vscode.Disposable | undefined;

  constructor(
    private readonly hfKeys: ApiKeyStore,
    private readonly modelKeys: ModelKeyStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly engine?: BuiltInEngine,
  ) {
    // The engine's rows follow it live (loading, ready, failed), and its files (set up, removed), while shown.
    this.engineSub = engine?.onDidChange(() => {
      if (this.visible) void this.refreshEngineRows();
      else this.stale = true;
    });
  }

  /** Built-in engine rows: their state is the engine's (files, process), asked of the services, not of a server. */
  private async refreshEngineRows(generation = this.generation): Promise<void> {
    const slots = this.slots().filter((s) => s.provider === 'llamacpp');
    if (!slots.length || !this.engine) return;
    const view = await this.engine.view();
    if (generation !== this.generation) return;
    for (const s of slots) {
      this.states.set(s.id, { fingerprint: JSON.stringify(['engine', view.phase]), state: { kind: 'engine', engine: view } });
      this.stateChanged.fire(s.id);
    }
  }

  get entries(): ModelList {
    return this.list;
  }

  get serverSettings(): Settings {
    return this.settings;
  }

  stateOf(slotId: string): ShownState {
    return this.states.get(slotId)?.state ?? { kind: 'loading' };
  }

  /**
   * A burst of answers (or edits) redraws the tree once: every redraw re-resolves the rows, and a context-menu
   * action started on a row during a redraw would lose its row.
   */
  private fire(): void {
    this.fireTimer ??= setTimeout(() => {
      this.fireTimer = undefined;
      this.changed.fire();
    }, 30);
  }

  /** Whether the slot has a key of its own in secret storage. */
  hasOwnKey(slotId: string): boolean {
    return this.keyed.has(slotId);
  }

  slots(): ModelSlot[] {
    return this.list.checks.filter((c): c is Extract<EntryCheck, { ok: true }> => c.ok).map((c) => c.slot);
  }

  /** Settings or a key changed: re-read now (cheap), check again now if visible, else when next shown. */
  invalidate(): void {
    const before = this.listFingerprint();
    this.list = readModelList();
    this.settings = readServerSettings();
    this.stale = true;
    // Another llmCompare setting, or a key: the rows stay (their states are re-checked and redrawn one by one).
    if (this.listFingerprint() !== before) this.fire();
    if (this.visible) void this.refresh(false);
  }

  /** What the rows show apart from states: entries, their order, the default, the hosts. */
  private listFingerprint(): string {
    return JSON.stringify([this.list.raw, this.list.scope, this.list.defaultModel, this.settings.ollama.host, this.settings.huggingface.endpointUrl ?? null]);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) void this.refresh(false);
    if (!visible) this.running?.abort();
  }

  /**
   * Checks every model again; resolves when every answer is in (or superseded by a newer refresh). `fromScratch`
   * (the Refresh button): every model shows "checking…"; otherwise (after an edit) a model whose provider, model,
   * endpoint and key did not change keeps its state on screen until its new answer arrives.
   */
  async refresh(fromScratch = true): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const generation = ++this.generation;
    this.stale = false;
    const before = this.listFingerprint();
    this.list = readModelList();
    this.settings = readServerSettings();
    const listChanged = this.listFingerprint() !== before;
    const slots = this.slots();
    const { key: hfToken } = await this.hfKeys.get();
    const modelKeys = await this.modelKeys.all(slots.map((s) => s.id));
    if (generation !== this.generation) return;
    const keyedBefore = [...this.keyed].sort().join();
    this.keyed.clear();
    Object.keys(modelKeys).forEach((id) => this.keyed.add(id));
    const fingerprints = new Map(slots.map((s) => [s.id, fingerprint(s, ownEndpointOf(s, this.settings), modelKeys[s.id], hfToken)]));
    const reset: string[] = [];
    for (const [id, known] of this.states) {
      if (fromScratch || known.fingerprint !== fingerprints.get(id)) {
        this.states.delete(id);
        reset.push(id);
      }
    }
    // Redraw the whole tree only when the rows themselves changed; a state is redrawn on its own row.
    if (listChanged || keyedBefore !== [...this.keyed].sort().join()) this.fire();
    else reset.forEach((id) => this.stateChanged.fire(id));
    const started = Date.now();
    try {
      // The checks (and the HTTP code under them) load with the first check, not at activation.
      const { checkModels } = require('../../core/providers/model-health') as typeof import('../../core/providers/model-health');
      const engineRows = this.refreshEngineRows(generation);
      await checkModels(
        slots.filter((s) => s.provider !== 'llamacpp'),
        { settings: this.settings, tokenFor: (slot, url) => tokenFor(slot, url, { hfToken, modelKeys }, this.settings), hubUrl: process.env.HF_HUB_URL || undefined, timeoutMs: CHECK_TIMEOUT_MS },
        (id, state) => {
          if (generation !== this.generation) return;
          this.states.set(id, { fingerprint: fingerprints.get(id) ?? '', state });
          this.stateChanged.fire(id);
        },
        controller.signal,
      );
      await engineRows;
      if (generation === this.generation) {
        const summary = slots.map((s) => `${s.id}=${this.stateOf(s.id).kind}`).join(', ');
        this.log.info(`models view: checked ${slots.length} models in ${Date.now() - started} ms: ${summary}`);
      }
    } catch (e) {
      if (!controller.signal.aborted) this.log.warn(`models view: check failed: ${e instanceof Error ? e.message : String(e)}`);
      // Cut short (hidden or superseded): what was not answered is checked again next time.
      if (generation === this.generation) this.stale = true;
    }
  }

  /** The host a slot talks to, for grouping and tooltips. */
  hostOf(slot: ModelSlot): string {
    return targetOf(slot, this.settings)?.host ?? '';
  }

  dispose(): void {
    this.engineSub?.dispose();
    this.running?.abort();
    clearTimeout(this.fireTimer);
    this.changed.dispose();
    this.stateChanged.dispose();
  }
}

/** What a state was checked for. Keys enter only as a short hash, and only in memory. */
function fingerprint(slot: ModelSlot, endpoint: string | undefined, ownKey: string | undefined, hfToken: string | undefined): string {
  const keys = createHash('sha256').update(`${ownKey ?? ''}\n${hfToken ?? ''}`).digest('hex').slice(0, 16);
  return JSON.stringify([slot.provider, slot.model, endpoint ?? null, slot.useHfToken ?? false, keys]);
}
