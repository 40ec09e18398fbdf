/**
 * The few prompts the features ask the user. Features call these instead of `vscode.window` directly so that the
 * extension-host tests can answer them (the test API swaps the functions); production behaviour is the plain API.
 */
import * as vscode from 'vscode';
import { inputStep, pickStep, type Back, type InputStepOptions, type PickStepOptions } from './models/steps';

export type MessageLevel = 'info' | 'warning' | 'error';

export interface Ui {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined>;
  /** Resolves with the chosen action, or undefined when dismissed. Callers that need no answer should not await it. */
  message(level: MessageLevel, text: string, ...actions: string[]): Thenable<string | undefined>;
  /** A modal warning with one explicit action: true only when that action was chosen. */
  confirm(text: string, detail: string, action: string): Thenable<boolean>;
  /** Opens a link outside VS Code (VS Code's own link protection asks first for untrusted sites). */
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  /** One step of a guided flow, with a Back button from the second step on. */
  pickStep<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<T | Back | undefined>;
  inputStep(options: InputStepOptions): Promise<string | Back | undefined>;
}

export function createUi(): Ui {
  return {
    pickStep,
    inputStep,
    input: (options) => vscode.window.showInputBox(options),
    pick: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: false }),
    pickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
    confirm: async (text, detail, action) => (await vscode.window.showWarningMessage(text, { modal: true, detail }, action)) === action,
    openExternal: (uri) => vscode.env.openExternal(uri),
    message: (level, text, ...actions) => {
      switch (level) {
        case 'info':
          return vscode.window.showInformationMessage(text, ...actions);
        case 'warning':
          return vscode.window.showWarningMessage(text, ...actions);
        case 'error':
          return vscode.window.showErrorMessage(text, ...actions);
      }
    },
  };
}

/** A CancellationToken as the AbortSignal the core understands: the one place the two worlds meet. */
export function toAbortSignal(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}
