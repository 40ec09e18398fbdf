/**
 * The Services every feature receives. The registry is rebuilt lazily: a settings or key change only marks it stale,
 * the next user of it pays for the rebuild (cheap: no network), so a burst of edits in settings.json costs nothing.
 */
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import type { ModelRegistry } from '../core/providers/registry';
import { redact } from '../core/redact';
import type { Settings } from '../core/settings';
import type { ApiKeyStore } from './apikey';
import { readSettings, type SettingsProblemReporter } from './config';
import { CONFIG_SECTION } from './ids';
import type { ModelKeyStore } from './models/model-keys';
import type { Services } from './services';

/** The core's Logger on top of the output channel; everything passes the redactor once more on the way out. */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    debug: (m) => channel.debug(redact(m)),
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    error: (m) => channel.error(redact(m)),
  };
}

/**
 * The providers (and the HF and Ollama clients under them) load with the first registry, not at activation: most
 * activations are a command or a view that needs them a moment later, but the activation itself stays cheap.
 * A `require`, not `import()`: esbuild keeps either lazy in the bundle; the tests run the sources under a require hook.
 */
const loadRegistry = (): typeof import('../core/providers/registry') => require('../core/providers/registry') as typeof import('../core/providers/registry');

export class ExtensionServices implements Services, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeModels = this.changed.event;
  private settings: Settings | undefined;
  private registry: Promise<ModelRegistry> | undefined;
  private readonly subs: vscode.Disposable[];

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    private readonly keys: ApiKeyStore,
    private readonly modelKeys: ModelKeyStore,
    private readonly problems: SettingsProblemReporter,
    /** Adds what the core cannot build itself (VS Code's chat models) to every registry made here. */
    private readonly extendRegistry: (registry: ModelRegistry) => void = () => undefined,
  ) {
    this.subs = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(CONFIG_SECTION)) return;
        this.invalidate('settings changed');
        this.validateNow();
      }),
      keys.onDidChange(() => this.invalidate('API key changed')),
      modelKeys.onDidChange((id) => this.invalidate(`API key of ${id} changed`)),
    ];
  }

  getSettings(): Settings {
    if (!this.settings) {
      this.settings = readSettings();
      this.problems.clear();
    }
    return this.settings;
  }

  getRegistry(): Promise<ModelRegistry> {
    if (!this.registry) {
      const building = this.build();
      // A failed build (bad settings) must not be cached: the next call re-reads.
      building.catch(() => {
        if (this.registry === building) this.registry = undefined;
      });
      this.registry = building;
    }
    return this.registry;
  }

  /** Reads the settings once so that a bad value is reported at startup / on edit, not at the first command. */
  validateNow(): void {
    try {
      this.getSettings();
    } catch (e) {
      this.problems.report(e);
    }
  }

  private async build(): Promise<ModelRegistry> {
    const settings = this.getSettings();
    const { key, source } = await this.keys.get();
    const models = settings.models.map((m) => `${m.id}=${m.provider}:${m.model}`).join(', ');
    this.log.info(`Models: ${models}; Ollama at ${settings.ollama.host}; Hugging Face ${settings.huggingface.endpointUrl ?? `provider ${settings.huggingface.provider}`}; key from ${source}.`);
    // HF_ROUTER_URL / HF_HUB_URL: a proxy (or a test simulator) standing in for Hugging Face's own hosts.
    const hfRouterUrl = process.env.HF_ROUTER_URL || undefined;
    const hfHubUrl = process.env.HF_HUB_URL || undefined;
    const modelKeys = await this.modelKeys.all(settings.models.map((m) => m.id));
    const registry = new (loadRegistry().ModelRegistry)(settings, { hfToken: key, modelKeys, hfRouterUrl, hfHubUrl, log: channelLogger(this.log) });
    this.extendRegistry(registry);
    return registry;
  }

  private invalidate(why: string): void {
    this.settings = undefined;
    this.registry = undefined;
    this.log.debug(`Model registry will be rebuilt (${why}).`);
    this.changed.fire();
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
