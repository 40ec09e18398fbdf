/**
 * A VS Code chat model (Copilot's, a bring-your-own-key model, another extension's) behind the core's Provider
 * interface, so it is one more column in a comparison or one more model in a benchmark. Times are on our client
 * clock like every column (the core measures them); output tokens come from the model's own tokenizer
 * (`countTokens`) when it has one, otherwise the core's estimate, labelled as such.
 */
import * as vscode from 'vscode';
import { LlmError } from '../../core/providers/errors';
import { unknownModelInfo } from '../../core/providers/model-info';
import type { ChatMessage, GenerateRequest, ModelInfo, ModelSlot, Provider, StreamEvent } from '../../core/providers/types';
import type { ChatModelCatalog } from './catalog';
import { chatModelFailure } from './errors';

/** Shown by VS Code in its consent dialog: why we want the model. */
const JUSTIFICATION = 'LLM Compare sends your prompt to this model to compare its answer with other models side by side.';

/**
 * VS Code's chat API has user and assistant messages only: a system prompt goes first as a user message, which is
 * what VS Code's own documentation suggests for instructions.
 */
function toChatMessages(slot: ModelSlot, messages: ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const withSystem = slot.systemPrompt && !messages.some((m) => m.role === 'system') ? [{ role: 'system' as const, content: slot.systemPrompt }, ...messages] : messages;
  return withSystem.map((m) =>
    m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content),
  );
}

export class VsCodeChatModelProvider implements Provider {
  readonly kind = 'vscode-lm' as const;

  constructor(private readonly catalog: ChatModelCatalog) {}

  async *stream(slot: ModelSlot, request: GenerateRequest): AsyncIterable<StreamEvent> {
    const model = this.catalog.model(slot.id);
    const name = `${slot.label} (${this.catalog.vendorOf(slot.id) ?? 'VS Code chat'})`;
    if (!model) {
      throw new LlmError('model-not-found', `${name} is no longer offered by VS Code (its extension was disabled, removed or signed out). Pick another model in the chooser.`);
    }
    // A CancellationToken is what VS Code understands; the core speaks AbortSignal. Linked here, at the edge.
    const cts = new vscode.CancellationTokenSource();
    const signal = request.signal;
    const onAbort = () => cts.cancel();
    if (signal?.aborted) cts.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    let text = '';
    try {
      if (cts.token.isCancellationRequested) throw new vscode.CancellationError();
      const response = await model.sendRequest(toChatMessages(slot, request.messages), { justification: JUSTIFICATION }, cts.token);
      for await (const chunk of response.text) {
        if (cts.token.isCancellationRequested) break;
        text += chunk;
        yield { type: 'delta', text: chunk };
      }
      if (cts.token.isCancellationRequested) throw new vscode.CancellationError();
      yield { type: 'done', outputTokens: await this.countTokens(model, text), server: null };
    } catch (e) {
      throw chatModelFailure(e, name, cts.token.isCancellationRequested);
    } finally {
      // Also reached when the consumer stops iterating early: the model's extension must stop too.
      signal?.removeEventListener('abort', onAbort);
      cts.cancel();
      cts.dispose();
    }
  }

  /** The model's own token count of the answer, or null (the core then estimates and says so). */
  private async countTokens(model: vscode.LanguageModelChat, text: string): Promise<number | null> {
    if (text === '') return 0;
    try {
      const n = await model.countTokens(text);
      return Number.isFinite(n) && n >= 0 ? n : null;
    } catch {
      return null;
    }
  }

  async describe(slot: ModelSlot): Promise<ModelInfo> {
    const model = this.catalog.model(slot.id);
    const info = unknownModelInfo(slot, model ? null : 'VS Code no longer offers this model.');
    if (!model) return info;
    return {
      ...info,
      // Whether the vendor runs it here or online is not something VS Code tells.
      needsApiKey: false,
      reachable: true,
      extra: {
        vendor: model.vendor,
        family: model.family,
        version: model.version,
        // The input limit only: VS Code does not say the output limit or the whole context window.
        maxInputTokens: String(model.maxInputTokens),
      },
    };
  }
}
