/**
 * The one typed reader of `llmCompare.*`: gathers the raw values, lets the core validator judge them (so the CLI
 * and the extension report a bad value the same way), and tells the user once, with a way to fix it.
 */
import * as vscode from 'vscode';
import { ConfigError } from '../core/providers/errors';
import { validateSettings, type Settings } from '../core/settings';
import { CONFIG_SECTION, SettingKeys } from './ids';
import type { Ui } from './ui';

const PREFIX = `${CONFIG_SECTION}.`;

/** A value the user set somewhere (user, workspace or folder), as opposed to the contributed default. */
function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = config.inspect<T>(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/**
 * Reads and validates the settings. OLLAMA_HOST and HF_ENDPOINT_URL from the environment apply only where the user
 * did not set the setting: the same variables the Ollama CLI and HF tools honour, so a shell set up for them works.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return validateSettings(rawSettings(env), PREFIX);
}

/**
 * Everything but the model list, validated (defaults where a value is bad): what the models view needs to check
 * the models it shows even while one of their entries is broken.
 */
export function readServerSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const { models: _models, defaultModel: _default, ...rest } = rawSettings(env);
  try {
    return validateSettings(rest, PREFIX);
  } catch {
    return validateSettings({}, PREFIX);
  }
}

function rawSettings(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const host = userValue<string>(config, SettingKeys.ollamaHost) ?? (env.OLLAMA_HOST || undefined);
  const endpointUrl = userValue<string>(config, SettingKeys.hfEndpointUrl) ?? (env.HF_ENDPOINT_URL || undefined);
  return {
    models: config.get<unknown>(SettingKeys.models),
    defaultModel: config.get<unknown>(SettingKeys.defaultModel),
    ollama: { host },
    huggingface: { provider: config.get<unknown>(SettingKeys.hfProvider), endpointUrl },
    requestTimeoutMs: config.get<unknown>(SettingKeys.requestTimeoutMs),
  };
}

/** The setting a ConfigError names (for the Settings editor search), e.g. `llmCompare.ollama.host`. */
export function settingNamedIn(message: string): string {
  const match = /llmCompare\.[A-Za-z.]+[A-Za-z]/.exec(message);
  return match ? match[0] : CONFIG_SECTION;
}

export function openSettings(setting: string = CONFIG_SECTION): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', setting);
}

/** Shows a settings error with an "Open Settings" action; the same message is not repeated until it changes. */
export class SettingsProblemReporter {
  private lastShown: string | undefined;

  constructor(private readonly ui: Ui) {}

  report(error: unknown): void {
    if (!(error instanceof ConfigError)) return;
    if (error.message === this.lastShown) return;
    this.lastShown = error.message;
    const setting = settingNamedIn(error.message);
    void this.ui.message('error', `LLM Compare: ${error.message}`, 'Open Settings').then((choice) => {
      if (choice === 'Open Settings') void openSettings(setting);
    });
  }

  /** Settings are valid again: a later, identical mistake is worth saying again. */
  clear(): void {
    this.lastShown = undefined;
  }
}
