/**
 * Our configured models offered to VS Code chat (vendor `llm-compare`): they appear in VS Code's model picker and
 * any extension can use them through `vscode.lm`. Each request streams through the same core provider as a panel
 * column; VS Code's cancellation aborts it, which closes the server connection.
 */
import * as vscode from 'vscode';
import { toLlmError } from '../../core/providers/errors';
import type { ModelRegistry } from '../../core/providers/registry';
import type { ModelInfo, ModelSlot } from '../../core/providers/types';
import type { Services } from '../services';
import type { LanguageModelChatInformation, LanguageModelChatProvider, LanguageModelChatRequestMessage } from './api-1.104';
import { chatInformation, estimateTokens, fromChatMessages, partsText } from './offer-facts';

/** How long the picker waits for a server's facts before the model is listed without them. */
const DESCRIBE_TIMEOUT_MS = 3000;

export class OfferedModels implements LanguageModelChatProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  /** Facts per registry: a settings change makes a new registry, so stale facts are never served. */
  private facts = new WeakMap<ModelRegistry, Promise<Map<string, ModelInfo | null>>>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly services: Services, private readonly where: (slot: ModelSlot) => string) {
    this.sub = services.onDidChangeModels(() => this.changed.fire());
  }

  async provideLanguageModelChatInformation(): Promise<LanguageModelChatInformation[]> {
    let registry: ModelRegistry;
    try {
      registry = await this.services.getRegistry();
    } catch (e) {
      // Bad settings are reported by the settings reader; VS Code chat just gets no models meanwhile.
      this.services.log.warn(`VS Code chat: no models offered: ${toLlmError(e).message}`);
      return [];
    }
    const facts = await this.factsFor(registry);
    return registry.slots().map((s) => chatInformation(s, facts.get(s.id) ?? null, this.where(s)));
  }

  private factsFor(registry: ModelRegistry): Promise<Map<string, ModelInfo | null>> {
    let facts = this.facts.get(registry);
    if (!facts) {
      facts = Promise.all(
        registry.slots().map(async (s) => {
          try {
            return [s.id, await registry.providerFor(s.provider).describe(s, AbortSignal.timeout(DESCRIBE_TIMEOUT_MS))] as const;
          } catch {
            return [s.id, null] as const;
          }
        }),
      ).then((pairs) => new Map(pairs));
      this.facts.set(registry, facts);
    }
    return facts;
  }

  async provideLanguageModelChatResponse(
    model: LanguageModelChatInformation,
    messages: readonly LanguageModelChatRequestMessage[],
    _options: unknown,
    progress: vscode.Progress<vscode.LanguageModelTextPart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { slot, provider } = (await this.services.getRegistry()).get(model.id);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      for await (const ev of provider.stream(slot, { messages: fromChatMessages(messages), signal: abort.signal })) {
        if (ev.type === 'delta' && ev.text) progress.report(new vscode.LanguageModelTextPart(ev.text));
      }
    } catch (e) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const err = toLlmError(e);
      this.services.log.warn(`VS Code chat: ${slot.label}: ${err.kind}: ${err.message}`);
      throw err.kind === 'model-not-found' ? vscode.LanguageModelError.NotFound(err.message) : new Error(err.message);
    } finally {
      sub.dispose();
    }
  }

  async provideTokenCount(_model: LanguageModelChatInformation, text: string | LanguageModelChatRequestMessage): Promise<number> {
    return estimateTokens(typeof text === 'string' ? text : partsText(text.content));
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
