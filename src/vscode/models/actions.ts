/**
 * What the models view's actions do. Each takes the tree node it was invoked on, or (from the command palette)
 * asks which model. Every change goes through settings or SecretStorage; the view follows from there.
 */
import * as vscode from 'vscode';
import { indexOfId, moveEntry, removeEntry } from '../../core/model-entries';
import { toLlmError } from '../../core/providers/errors';
import type { ModelSlot } from '../../core/providers/types';
import type { ApiKeyStore } from '../apikey';
import { showProblem } from '../errors';
import { Commands } from '../ids';
import { pullWithProgress } from '../ollama/pull';
import type { ComparePanelApi } from '../panel/api';
import type { Services } from '../services';
import { toAbortSignal, type Ui } from '../ui';
import type { ModelKeyStore } from './model-keys';
import { openEntryInSettingsJson, readModelList, writableScope, writeDefaultModel, writeModelList } from './settings-store';
import { runTest, type TestOutcome } from '../../core/compare/quick-test';
import type { ModelsState } from './state';
import type { BrokenNode, ModelNode } from './tree';
import { takesHfToken } from './tokens';

export interface ActionDeps {
  services: Services;
  ui: Ui;
  state: ModelsState;
  hfKeys: ApiKeyStore;
  modelKeys: ModelKeyStore;
  panel: ComparePanelApi;
}

/** A node from the tree, a slot id (tests, links), or nothing (palette: ask). */
export type Target = ModelNode | BrokenNode | string | undefined;

export class ModelActions {
  constructor(private readonly d: ActionDeps) {}

  /** The slot an action is about; asks when invoked without one. */
  private async slotOf(target: Target, placeHolder: string): Promise<ModelSlot | undefined> {
    const slots = this.d.state.slots();
    if (typeof target === 'string') return slots.find((s) => s.id === target);
    if (target?.kind === 'model') return slots.find((s) => s.id === target.slot.id) ?? target.slot;
    const picked = await this.d.ui.pick(slots.map((s) => ({ label: s.label, description: s.model, slot: s })), { title: 'Models', placeHolder });
    return picked?.slot;
  }

  /** Rewrites the list where it is defined (a list nobody set is copied into user settings first). */
  private async editList(edit: (raw: unknown[]) => unknown[]): Promise<void> {
    const list = readModelList();
    const current = list.raw.length ? list.raw : list.checks.flatMap((c) => (c.ok ? [c.slot] : []));
    await writeModelList(edit(current), writableScope(list.scope));
  }

  async compareWith(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Compare which model?');
    if (!slot) return false;
    const others = this.d.state.slots().filter((s) => s.id !== slot.id);
    const picked = await this.d.ui.pickMany(others.map((s) => ({ label: s.label, description: s.model, picked: true, slot: s })), {
      title: `Compare ${slot.label} with…`,
      placeHolder: 'The models to run beside it (one column each)',
    });
    if (!picked) return false;
    const prompt = await this.d.ui.input({ title: `Compare ${slot.label} with ${picked.length} other${picked.length === 1 ? '' : 's'}`, prompt: 'The prompt every model gets.', ignoreFocusOut: true });
    if (!prompt?.trim()) return false;
    // Columns in settings order, as everywhere else.
    const ids = new Set([slot.id, ...picked.map((p) => p.slot.id)]);
    await this.d.panel.run({ kind: 'compare', prompt, modelIds: this.d.state.slots().filter((s) => ids.has(s.id)).map((s) => s.id) });
    return true;
  }

  async setDefault(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Default model for Generate and Explain');
    if (!slot) return false;
    await writeDefaultModel(slot.id, writableScope(readModelList().scope));
    this.d.services.log.info(`models: "${slot.id}" is now the default model.`);
    return true;
  }

  async test(target: Target): Promise<TestOutcome | undefined> {
    const slot = await this.slotOf(target, 'Test which model?');
    if (!slot) return undefined;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing ${slot.label}`, cancellable: true },
      async (_progress, token) => {
        const abort = toAbortSignal(token);
        try {
          return await runTest(await this.d.services.getRegistry(), slot.id, abort.signal);
        } finally {
          abort.dispose();
        }
      },
    );
    this.d.services.log.info(`models: test of "${slot.id}": ${outcome.ok ? `first token after ${outcome.firstTokenMs ?? 'n/a'} ms, ${outcome.totalMs} ms in all` : outcome.error.message}`);
    if (outcome.ok) {
      const first = outcome.firstTokenMs === null ? 'no token arrived' : `first token after ${outcome.firstTokenMs} ms`;
      void this.d.ui.message('info', `${slot.label}: ${first} (this machine's clock, from sending the request); done in ${outcome.totalMs} ms. Answer: "${outcome.text}"`);
    } else if (outcome.error.kind !== 'cancelled') {
      void showProblem(this.d.ui, `Testing ${slot.label}`, outcome.error, () => this.test(slot.id));
    }
    void this.d.state.refresh(false);
    return outcome;
  }

  async pull(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Pull which model?');
    if (!slot || slot.provider !== 'ollama') return false;
    let registry;
    try {
      registry = await this.d.services.getRegistry();
    } catch (e) {
      void showProblem(this.d.ui, `Pulling ${slot.model}`, toLlmError(e));
      return false;
    }
    const outcome = await pullWithProgress(registry, slot.model, this.d.services.log, slot.endpoint);
    if (outcome.status === 'failed') void showProblem(this.d.ui, `Pulling ${slot.model} failed`, { message: outcome.error ?? 'unknown error' });
    if (outcome.status === 'installed') void this.d.ui.message('info', `Installed in Ollama: ${slot.model}.`);
    await this.d.state.refresh(false);
    return outcome.status === 'installed';
  }

  /** The HF token for models that talk to Hugging Face; a key of the model's own for any other endpoint. */
  async setKey(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Set the API key of which model?');
    if (!slot) return false;
    if (takesHfToken(slot, this.d.state.serverSettings)) return (await vscode.commands.executeCommand<boolean>(Commands.setApiKey)) === true;
    const key = await this.d.ui.input({
      title: `Set API key for ${slot.label}`,
      prompt: `Sent only to ${this.d.state.hostOf(slot)}, for this model only. Kept in VS Code's secret storage, never in settings.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter a key, or press Escape to cancel.' : /\s/.test(v.trim()) ? 'A key has no spaces.' : undefined),
    });
    if (!key?.trim()) return false;
    await this.d.modelKeys.set(slot.id, key.trim());
    this.d.services.log.info(`models: API key for "${slot.id}" stored in secret storage.`);
    void this.d.ui.message('info', `API key for ${slot.label} saved in secret storage.`);
    return true;
  }

  async clearKey(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Clear the API key of which model?');
    if (!slot) return false;
    if (!this.d.state.hasOwnKey(slot.id) && takesHfToken(slot, this.d.state.serverSettings)) return (await vscode.commands.executeCommand<boolean>(Commands.clearApiKey)) === true;
    await this.d.modelKeys.clear(slot.id);
    this.d.services.log.info(`models: API key for "${slot.id}" removed from secret storage.`);
    void this.d.ui.message('info', `API key for ${slot.label} cleared.`);
    return true;
  }

  async edit(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Edit which model?');
    if (!slot) return false;
    type Field = 'label' | 'model' | 'endpoint' | 'maxTokens' | 'json';
    const items: Array<vscode.QuickPickItem & { field: Field }> = [
      { label: 'Label', description: slot.label, field: 'label' },
      { label: 'Model', description: slot.model, field: 'model' },
      { label: 'Endpoint', description: slot.endpoint ?? `default (${this.d.state.hostOf(slot)})`, field: 'endpoint' },
      { label: 'Max tokens', description: String(slot.maxTokens), field: 'maxTokens' },
      { label: '$(json) Open in settings.json', description: 'temperature, system prompt and the rest', field: 'json' },
    ];
    const picked = await this.d.ui.pick(items, { title: `Edit ${slot.label}`, placeHolder: 'What to change' });
    if (!picked) return false;
    if (picked.field === 'json') return this.openSettingsJson(slot.id);
    const current = picked.field === 'endpoint' ? slot.endpoint ?? '' : String(slot[picked.field]);
    const value = await this.d.ui.input({
      title: `${slot.label}: ${picked.label}`,
      value: current,
      prompt: picked.field === 'endpoint' ? 'Leave empty for the global default of this provider.' : undefined,
      validateInput: (v) => {
        if (picked.field === 'maxTokens') return /^\d+$/.test(v.trim()) && +v >= 1 && +v <= 32768 ? undefined : 'A whole number from 1 to 32768.';
        if (picked.field === 'endpoint') return undefined;
        return v.trim() ? undefined : 'Cannot be empty.';
      },
    });
    if (value === undefined) return false;
    const v = value.trim();
    await this.editList((raw) => raw.map((e) => {
      if (!isEntryOf(e, slot.id)) return e;
      const next: Record<string, unknown> = { ...(e as Record<string, unknown>) };
      if (picked.field === 'maxTokens') next.maxTokens = Number(v);
      else if (picked.field === 'endpoint' && v === '') delete next.endpoint;
      else next[picked.field] = v;
      return next;
    }));
    return true;
  }

  async remove(target: Target): Promise<boolean> {
    const slot = await this.slotOf(target, 'Remove which model?');
    if (!slot) return false;
    const list = readModelList();
    if (list.checks.length <= 1) {
      void this.d.ui.message('warning', 'This is the only model: add another one before removing it.');
      return false;
    }
    const scope = writableScope(list.scope);
    const detail = `Its column goes away and its API key, if it has one, is deleted from secret storage.`;
    if (!(await this.d.ui.confirm(`Remove ${slot.label} (${slot.model}) from ${scope} settings?`, detail, 'Remove'))) return false;
    // The default moves on first: for a moment between the two writes the settings would name a missing default.
    if (list.defaultModel === slot.id) {
      const next = this.d.state.slots().find((s) => s.id !== slot.id);
      if (next) await writeDefaultModel(next.id, scope);
    }
    const index = indexOfId(list.raw.length ? list.raw : list.checks.flatMap((c) => (c.ok ? [c.slot] : [])), slot.id);
    await this.editList((raw) => removeEntry(raw, index));
    await this.d.modelKeys.clear(slot.id);
    this.d.services.log.info(`models: removed "${slot.id}" from ${scope} settings.`);
    return true;
  }

  async move(target: Target, delta: -1 | 1): Promise<boolean> {
    const slot = await this.slotOf(target, delta < 0 ? 'Move which model up?' : 'Move which model down?');
    if (!slot) return false;
    await this.editList((raw) => moveEntry(raw, indexOfId(raw, slot.id), delta));
    return true;
  }

  async openSettingsJson(target: Target): Promise<boolean> {
    const list = readModelList();
    let index: number | undefined;
    if (typeof target === 'string') index = indexOfId(list.raw, target);
    else if (target) index = target.index;
    const editor = await openEntryInSettingsJson(list.scope === 'default' ? 'user' : list.scope, index !== undefined && index >= 0 ? index : undefined);
    return !!editor;
  }
}

function isEntryOf(entry: unknown, id: string): boolean {
  return typeof entry === 'object' && entry !== null && (entry as { id?: unknown }).id === id;
}

