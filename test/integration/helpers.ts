/** Shared by the extension-host suites: the extension's test API, prompt stubs, and settings that clean up. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LlmCompareTestApi } from '../../src/vscode/test-api';
import type { MessageLevel, Ui } from '../../src/vscode/ui';

export const EXTENSION_ID = 'llm-compare.llm-compare';

export async function extensionApi(): Promise<LlmCompareTestApi> {
  const ext = vscode.extensions.getExtension<LlmCompareTestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
  const api = await ext.activate();
  assert.ok(api, 'activate() returned no test API (production mode?)');
  return api;
}

export interface Shown {
  level: MessageLevel;
  text: string;
  actions: string[];
}

export interface Confirmed {
  text: string;
  detail: string;
  action: string;
}

/**
 * Replaces the prompts for one test; messages are recorded and dismissed at once, modal confirmations are recorded
 * and refused, external links are recorded and not opened. Call `restore` to put the real ones back.
 */
export function stubUi(api: LlmCompareTestApi, answers: Partial<Ui> = {}): { shown: Shown[]; confirms: Confirmed[]; opened: string[]; restore(): void } {
  const saved: Ui = { ...api.ui };
  const shown: Shown[] = [];
  const confirms: Confirmed[] = [];
  const opened: string[] = [];
  const ui = api.ui as { -readonly [K in keyof Ui]: Ui[K] };
  ui.message = async (level, text, ...actions) => {
    shown.push({ level, text, actions });
    return undefined;
  };
  ui.input = async () => undefined;
  ui.pick = async () => undefined;
  ui.pickMany = async () => undefined;
  ui.pickStep = async () => undefined;
  ui.inputStep = async () => undefined;
  ui.confirm = async (text, detail, action) => {
    confirms.push({ text, detail, action });
    return false;
  };
  ui.openExternal = async (uri) => {
    opened.push(uri.toString(true));
    return true;
  };
  Object.assign(ui, answers);
  return { shown, confirms, opened, restore: () => Object.assign(ui, saved) };
}

/** Sets `llmCompare.*` user settings and waits until the extension has seen the change. */
export async function configure(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('llmCompare');
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** The two model slots the suites point at the simulators: one local (Ollama), one online (Hugging Face). */
export const SIM_SLOTS = {
  local: { id: 'local', label: 'Local (sim)', provider: 'ollama', model: 'codellama:7b' },
  online: { id: 'online', label: 'Online (sim)', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct' },
} as const;

/** The settings that send Ollama and Hugging Face traffic to the simulators. */
export function simulatorHosts(ollamaUrl: string, hfUrl: string): Record<string, string> {
  return { 'ollama.host': ollamaUrl, 'huggingface.endpointUrl': `${hfUrl}/v1` };
}

export async function resetSettings(): Promise<void> {
  await configure({ models: undefined, defaultModel: undefined, 'ollama.host': undefined, 'huggingface.endpointUrl': undefined, 'huggingface.provider': undefined, requestTimeoutMs: undefined });
}

export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function openDoc(language: string, content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc);
}
