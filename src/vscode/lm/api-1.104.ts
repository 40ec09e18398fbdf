/**
 * The part of VS Code 1.104's API that offers models to VS Code chat (`LanguageModelChatProvider`), declared here
 * because the extension is typed against 1.100 (`engines.vscode` ^1.100.0, see the README's "Which VS Code"). Only
 * what we use, in the shape of `@types/vscode` 1.104.0. At run time its presence is checked, never assumed. Types
 * only (no `vscode` import at run time), so the check is unit-tested.
 */
import type * as vscode from 'vscode';

export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly version: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

export interface LanguageModelChatRequestMessage {
  readonly role: vscode.LanguageModelChatMessageRole;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(
    model: T,
    messages: readonly LanguageModelChatRequestMessage[],
    options: { readonly modelOptions?: { readonly [name: string]: unknown } },
    progress: vscode.Progress<vscode.LanguageModelTextPart>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

type Register = (vendor: string, provider: LanguageModelChatProvider) => vscode.Disposable;

/** The first VS Code with the finalized provider API. */
export const PROVIDER_API_VERSION = '1.104';

/** `lm.registerLanguageModelChatProvider` when this VS Code's `vscode.lm` has it, else undefined. */
export function providerRegistration(lm: unknown): Register | undefined {
  const fn = (lm as { registerLanguageModelChatProvider?: unknown } | undefined)?.registerLanguageModelChatProvider;
  return typeof fn === 'function' ? (fn.bind(lm) as Register) : undefined;
}
