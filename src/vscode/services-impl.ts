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
import { EngineWatch } from './engine/engine-watch';
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
  /** The built-in engine behind `llamacpp` models of the current registry (started only when one is used). */
  private engine: import('../core/engine').AttachedEngine | undefined;
  private readonly subs: vscode.Disposable[];
  /** The engine's state and files for the views (the Models view, the panel's offer). */
  readonly builtInEngine = new EngineWatch(
    async () => {
      await this.getRegistry();
      return this.engine;
    },
    () => this.invalidate('built-in engine files changed'),
  );

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
    // Downloads would live in the extension's global storage; the engine's own output goes to the output channel.
    const { attachEngine } = require('../core/engine') as typeof import('../core/engine');
    void this.engine?.stop();
    this.engine = attachEngine(registry, settings, { cacheDir: this.context.globalStorageUri.fsPath, onLog: (line) => this.log.info(`engine: ${redact(line)}`), log: channelLogger(this.log) });
    // With a built-in engine model, its state is followed from the start, whoever starts it first (no process yet).
    if (settings.models.some((m) => m.provider === 'llamacpp')) {
      try {
        this.builtInEngine.watch(this.engine.engine());
      } catch {
        // Its files are missing: the Models view says so.
      }
    }
    return registry;
  }

  private invalidate(why: string): void {
    // New settings may name another binary or model: the running engine stops; the next use starts the new one.
    void this.engine?.stop();
    this.engine = undefined;
    this.settings = undefined;
    this.registry = undefined;
    this.builtInEngine.reset();
    this.log.debug(`Model registry will be rebuilt (${why}).`);
    this.changed.fire();
  }

  dispose(): void {
    // On deactivate: stop() sends SIGTERM to the engine's process group at once (SIGKILL follows if it lingers).
    void this.engine?.stop();
    this.subs.forEach((s) => s.dispose());
    this.builtInEngine.dispose();
    this.changed.dispose();
  }
}
