/**
 * What every VS Code feature gets from `activate`: the current model registry (rebuilt when settings or the API key
 * change), the log channel, and the extension context. Features take this instead of reaching for globals.
 */
import type * as vscode from 'vscode';
import type { ModelRegistry } from '../core/providers/registry';
import type { Settings } from '../core/settings';
import type { EngineView } from './engine/view';

/** The built-in engine of the current settings (`llamacpp` models), for the views: never started from here. */
export interface BuiltInEngine {
  /** Its files (missing, with what to do) or its process state and log. */
  view(): Promise<EngineView>;
  /** Stops it if it runs (before its files are removed). */
  stop(): Promise<void>;
  /** Fires when its state changes, or when its files may have (set-up, removal). */
  readonly onDidChange: vscode.Event<void>;
  /** Says that its files changed (set-up done, downloads removed). */
  filesChanged(): void;
}

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The registry for the current settings and key. Throws ConfigError (naming the setting) when settings are invalid. */
  getRegistry(): Promise<ModelRegistry>;
  /** The current, validated settings. Throws ConfigError when invalid. */
  getSettings(): Settings;
  /** Fires when models, hosts or the key changed (registry rebuilt on next getRegistry()). */
  readonly onDidChangeModels: vscode.Event<void>;
  readonly builtInEngine: BuiltInEngine;
}
