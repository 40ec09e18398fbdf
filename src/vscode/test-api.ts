/**
 * What `activate` returns outside production (development and test runs): the live services and the prompt
 * functions, so extension-host tests can answer input boxes and swap the panel without a person at the keyboard.
 */
import * as vscode from 'vscode';
import type { PanelResolver } from './explain/command';
import { PANEL_OPEN_COMMAND } from './ids';
import type { LanguageModels } from './lm/register';
import type { ModelKeyStore } from './models/model-keys';
import type { ModelsState } from './models/state';
import type { OllamaStatus } from './ollama/status';
import type { HttpServerController } from './http/server';
import type { ComparePanelApi } from './panel/api';
import type { Services } from './services';
import type { Ui } from './ui';

export interface LlmCompareTestApi {
  readonly services: Services;
  /** Replace members to answer prompts in tests. */
  readonly ui: Ui;
  readonly ollamaStatus: OllamaStatus;
  /** The models view's entries and states. */
  readonly models: ModelsState;
  readonly modelKeys: ModelKeyStore;
  readonly httpServer: HttpServerController;
  /** `undefined` restores the real decision (panel when it is registered, else standalone). */
  setPanelOverride(panel: ComparePanelApi | null | undefined): void;
  /** VS Code's chat models as the panel sees them, and whether ours are offered to VS Code chat. */
  readonly chatModels: LanguageModels;
}

/**
 * Explain goes to the panel once the panel feature registers its command; until then (or when a test says `null`)
 * it runs standalone.
 */
export function panelResolver(panel: ComparePanelApi): { resolve: PanelResolver; override(p: ComparePanelApi | null | undefined): void } {
  let override: ComparePanelApi | null | undefined;
  return {
    resolve: async () => {
      if (override !== undefined) return override ?? undefined;
      return (await vscode.commands.getCommands(true)).includes(PANEL_OPEN_COMMAND) ? panel : undefined;
    },
    override: (p) => (override = p),
  };
}
