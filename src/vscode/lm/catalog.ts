/**
 * The chat models VS Code offers right now (`vscode.lm.selectChatModels()`, any vendor but our own), kept as a list
 * that follows `onDidChangeChatModels`. Listing needs no consent; only a request does (see consumer.ts).
 */
import * as vscode from 'vscode';
import type { ModelSlot } from '../../core/providers/types';
import { chatModelSlot, OWN_VENDOR } from './slots';

export class ChatModelCatalog implements vscode.Disposable {
  private models: vscode.LanguageModelChat[] = [];
  private bySlotId = new Map<string, vscode.LanguageModelChat>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the list changed (a model extension was installed, signed in or out). */
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;
  private loading: Promise<void> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.sub = vscode.lm.onDidChangeChatModels(() => void this.refresh());
  }

  /** Re-reads the list; concurrent callers share one look-up. */
  refresh(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const all = await vscode.lm.selectChatModels();
        this.models = all.filter((m) => m.vendor !== OWN_VENDOR);
        this.bySlotId = new Map(this.models.map((m) => [chatModelSlot(m).id, m]));
        this.log.info(`VS Code chat models: ${this.models.map((m) => `${m.vendor}/${m.id}`).join(', ') || 'none'}.`);
      } catch (e) {
        this.log.warn(`VS Code chat models could not be listed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.loading = undefined;
      }
      this.changed.fire();
    })();
    return this.loading;
  }

  /** The slots as last listed (call `refresh` first for a fresh list). */
  slots(): ModelSlot[] {
    return this.models.map((m) => chatModelSlot(m));
  }

  /** The vendor of a slot's model (`copilot`, …), as VS Code names it; undefined when no longer offered. */
  vendorOf(slotId: string): string | undefined {
    return this.bySlotId.get(slotId)?.vendor;
  }

  /** The model behind a slot; undefined when VS Code no longer offers it. */
  model(slotId: string): vscode.LanguageModelChat | undefined {
    return this.bySlotId.get(slotId);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
