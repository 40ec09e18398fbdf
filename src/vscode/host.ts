/**
 * The VS Code surfaces that must exist from activation on (the two views, the two restorable panels, the provider of
 * our models to VS Code chat), as the features see them. The activation shell (src/vscode/shell) registers
 * stand-ins for them at once and hands the features this host when they load, on first use: a feature gives the
 * host its real provider, and the stand-in delegates to it from then on. Types only: the shell implements it.
 */
import type * as vscode from 'vscode';
import type { LanguageModelChatProvider } from './lm/api-1.104';

export interface SurfaceHost {
  registerWebviewViewProvider(viewId: string, provider: vscode.WebviewViewProvider): vscode.Disposable;
  registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable;
  /** The view itself (made by the shell, with its options); `provider` fills it. */
  createTreeView<T>(viewId: string, provider: vscode.TreeDataProvider<T>): vscode.TreeView<T>;
  /** Undefined where this VS Code cannot offer models to its chat (before 1.104). */
  readonly registerChatProvider: ((vendor: string, provider: LanguageModelChatProvider) => vscode.Disposable) | undefined;
}
