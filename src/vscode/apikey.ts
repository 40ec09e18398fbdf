/**
 * The Hugging Face key: in SecretStorage only, with HF_API_KEY / HF_TOKEN from the environment as the fallback.
 * Every value read is registered with the redactor so it can never reach a log line or message.
 */
import * as vscode from 'vscode';
import { registerSecret } from '../core/redact';
import { Commands, SECRET_HF_KEY } from './ids';
import type { Ui } from './ui';

export type KeySource = 'secret-storage' | 'environment' | 'none';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.sub = secrets.onDidChange((e) => {
      if (e.key === SECRET_HF_KEY) this.changed.fire();
    });
  }

  async get(): Promise<{ key: string | undefined; source: KeySource }> {
    const stored = await this.secrets.get(SECRET_HF_KEY);
    if (stored) {
      registerSecret(stored);
      return { key: stored, source: 'secret-storage' };
    }
    const fromEnv = this.env.HF_API_KEY || this.env.HF_TOKEN || undefined;
    registerSecret(fromEnv);
    return { key: fromEnv, source: fromEnv ? 'environment' : 'none' };
  }

  async set(key: string): Promise<void> {
    registerSecret(key);
    await this.secrets.store(SECRET_HF_KEY, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_HF_KEY);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** "Set Hugging Face API key" and "Clear Hugging Face API key". */
export function registerApiKeyCommands(keys: ApiKeyStore, ui: Ui, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.setApiKey, async () => {
      const key = await ui.input({
        title: 'Hugging Face API key',
        prompt: 'An access token from huggingface.co/settings/tokens (hf_…). Stored in VS Code secret storage, never in settings.',
        password: true,
        ignoreFocusOut: true,
        placeHolder: 'hf_…',
        validateInput: (v) => (v.trim() === '' ? 'Enter a key, or press Escape to cancel.' : /\s/.test(v.trim()) ? 'A key has no spaces.' : undefined),
      });
      const trimmed = key?.trim();
      if (!trimmed) return false;
      await keys.set(trimmed);
      log.info('Hugging Face API key stored in secret storage.');
      void ui.message('info', 'Hugging Face API key saved in secret storage.');
      return true;
    }),
    vscode.commands.registerCommand(Commands.clearApiKey, async () => {
      await keys.clear();
      const { source } = await keys.get();
      log.info('Hugging Face API key removed from secret storage.');
      const note = source === 'environment' ? ' HF_API_KEY / HF_TOKEN from the environment is still used.' : '';
      void ui.message('info', `Hugging Face API key cleared.${note}`);
      return true;
    }),
  );
}
