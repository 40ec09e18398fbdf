/** Shows a core error with the one action most likely to fix it (the core says which, as a FixAction). */
import * as vscode from 'vscode';
import type { FixAction } from '../core/providers/errors';
import { openSettings, settingNamedIn } from './config';
import { Commands } from './ids';
import { ModelsCommands } from './models/ids';
import type { Ui } from './ui';

const FIX_LABEL: Record<FixAction, string> = {
  'set-api-key': 'Set API key',
  'pull-model': 'Pull model',
  'start-ollama': 'Ollama status',
  'open-settings': 'Open Settings',
  retry: 'Retry',
};

/**
 * `retry` is only offered when the caller passes a way to retry. Resolves when the user picked or dismissed;
 * callers normally do not await it.
 */
export async function showProblem(
  ui: Ui,
  what: string,
  error: { message: string; fix?: FixAction },
  retry?: () => unknown,
): Promise<void> {
  const fix = error.fix === 'retry' && !retry ? undefined : error.fix;
  const actions = fix ? [FIX_LABEL[fix]] : [];
  const choice = await ui.message('error', `${what}: ${error.message}`, ...actions, 'Show log');
  if (choice === 'Show log') return void vscode.commands.executeCommand(Commands.showLog);
  if (!fix || choice !== FIX_LABEL[fix]) return;
  if (fix === 'retry') return void retry?.();
  runFixAction(fix, error.message);
}

/**
 * Runs the command that fixes an error of this kind; `message` may name the setting to open. With the model's
 * slot id, the fix is about that model: its own key (or the HF token if it talks to Hugging Face), its own pull.
 */
export function runFixAction(fix: Exclude<FixAction, 'retry'>, message: string, slotId?: string): void {
  switch (fix) {
    case 'set-api-key':
      return void vscode.commands.executeCommand(slotId ? ModelsCommands.setKey : Commands.setApiKey, slotId);
    case 'pull-model':
      return void vscode.commands.executeCommand(slotId ? ModelsCommands.pull : Commands.checkLocalModels, slotId);
    case 'start-ollama':
      return void vscode.commands.executeCommand(Commands.showOllamaStatus);
    case 'open-settings':
      return void openSettings(settingNamedIn(message));
  }
}
