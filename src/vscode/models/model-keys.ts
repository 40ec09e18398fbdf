/**
 * Per-model API keys (an OpenAI-compatible server's key, a proxy's token) in SecretStorage under
 * `llmCompare.modelKey.<slotId>`: never in settings, registered with the redactor on every read so no log line or
 * message can show one.
 */
import * as vscode from 'vscode';
import { registerSecret } from '../../core/redact';
import { MODEL_KEY_PREFIX, modelKeySecret } from './ids';

export class ModelKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the slot id whose key was set or cleared. */
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.sub = secrets.onDidChange((e) => {
      if (e.key.startsWith(MODEL_KEY_PREFIX)) this.changed.fire(e.key.slice(MODEL_KEY_PREFIX.length));
    });
  }

  async get(slotId: string): Promise<string | undefined> {
    const key = (await this.secrets.get(modelKeySecret(slotId))) || undefined;
    registerSecret(key);
    return key;
  }

  /** The keys of these slots that have one, as the registry takes them. */
  async all(slotIds: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of slotIds) {
      const key = await this.get(id);
      if (key) out[id] = key;
    }
    return out;
  }

  async set(slotId: string, key: string): Promise<void> {
    registerSecret(key);
    await this.secrets.store(modelKeySecret(slotId), key);
  }

  async clear(slotId: string): Promise<void> {
    await this.secrets.delete(modelKeySecret(slotId));
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
