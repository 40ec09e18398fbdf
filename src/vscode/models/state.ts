/**
 * What the models view shows: the entries of `llmCompare.models` (re-read from settings every time, broken ones
 * included) and the last checked state of each model. Checks run on demand and when the view becomes visible after
 * a change, never on a timer: a hidden view costs nothing.
 */
import * as vscode from 'vscode';
import type { EntryCheck } from '../../core/model-entries';
import { checkModels, targetOf, type ModelState } from '../../core/providers/model-health';
import type { ModelSlot } from '../../core/providers/types';
import type { Settings } from '../../core/settings';
import type { ApiKeyStore } from '../apikey';
import { readServerSettings } from '../config';
import type { ModelKeyStore } from './model-keys';
import { readModelList, type ModelList } from './settings-store';
import { tokenFor } from './tokens';

export type ShownState = ModelState | { kind: 'loading' };

/** A model's check must not keep the view spinning: past this it is "not reachable (no answer)". */
const CHECK_TIMEOUT_MS = 8000;

export class ModelsState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private list: ModelList = readModelList();
  private settings: Settings = readServerSettings();
  private readonly states = new Map<string, ShownState>();
  private readonly keyed = new Set<string>();
  private generation = 0;
  private running: AbortController | undefined;
  /** Something changed while nobody looked: check again when the view is shown. */
  private stale = true;
  private visible = false;

  constructor(private readonly hfKeys: ApiKeyStore, private readonly modelKeys: ModelKeyStore, private readonly log: vscode.LogOutputChannel) {}

  get entries(): ModelList {
    return this.list;
  }

  get serverSettings(): Settings {
    return this.settings;
  }

  stateOf(slotId: string): ShownState {
    return this.states.get(slotId) ?? { kind: 'loading' };
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
    this.list = readModelList();
    this.settings = readServerSettings();
    this.stale = true;
    this.changed.fire();
    if (this.visible) void this.refresh();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale) void this.refresh();
    if (!visible) this.running?.abort();
  }

  /** Checks every model again; resolves when every answer is in (or superseded by a newer refresh). */
  async refresh(): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const generation = ++this.generation;
    this.stale = false;
    this.list = readModelList();
    this.settings = readServerSettings();
    const slots = this.slots();
    this.states.clear();
    this.changed.fire();
    const { key: hfToken } = await this.hfKeys.get();
    const modelKeys = await this.modelKeys.all(slots.map((s) => s.id));
    this.keyed.clear();
    Object.keys(modelKeys).forEach((id) => this.keyed.add(id));
    const started = Date.now();
    try {
      await checkModels(
        slots,
        { settings: this.settings, tokenFor: (slot, url) => tokenFor(slot, url, { hfToken, modelKeys }, this.settings), hubUrl: process.env.HF_HUB_URL || undefined, timeoutMs: CHECK_TIMEOUT_MS },
        (id, state) => {
          if (generation !== this.generation) return;
          this.states.set(id, state);
          this.changed.fire();
        },
        controller.signal,
      );
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
    this.running?.abort();
    this.changed.dispose();
  }
}
