/**
 * Loads the features (dist/features.js) on first use, once: a contributed command run, a view shown, a tab
 * restored, VS Code chat asking for our models, or (development and test runs) the test API read. Until then every
 * contributed command is a stand-in that loads the features, which register the real command, and runs it again.
 */
import * as vscode from 'vscode';
import type { ActiveFeatures } from '../features';
import type { LlmCompareTestApi } from '../test-api';
import { registerStandIns } from './stand-ins';

interface Manifest {
  contributes?: { commands?: Array<{ command: string }> };
}

export class LazyFeatures implements vscode.Disposable {
  private features: ActiveFeatures | undefined;
  private failed: unknown;
  private readonly commandStandIns: vscode.Disposable[];
  private readonly surfaces: ReturnType<typeof registerStandIns>;

  constructor(private readonly context: vscode.ExtensionContext) {
    const manifest = context.extension.packageJSON as Manifest;
    this.commandStandIns = (manifest.contributes?.commands ?? []).map(({ command }) =>
      vscode.commands.registerCommand(command, (...args: unknown[]) => {
        this.load();
        return vscode.commands.executeCommand(command, ...args);
      }),
    );
    this.surfaces = registerStandIns(() => void this.load());
  }

  /** The features, loaded now if they were not yet. */
  load(): ActiveFeatures {
    if (this.features) return this.features;
    if (this.failed !== undefined) throw this.failed;
    // The real commands take the stand-ins' ids.
    for (const standIn of this.commandStandIns.splice(0)) standIn.dispose();
    try {
      // dist/features.js beside dist/extension.js: left out of this bundle by esbuild.config.mjs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { activateFeatures } = require('./features.js') as typeof import('../features');
      this.features = activateFeatures(this.context, this.surfaces.host);
      return this.features;
    } catch (e) {
      this.failed = e;
      void vscode.window.showErrorMessage(`LLM Compare could not start: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  /** The test API, whose every member loads the features when first read. */
  testApi(): LlmCompareTestApi {
    const api = () => this.load().testApi;
    return {
      get services() { return api().services; },
      get ui() { return api().ui; },
      get ollamaStatus() { return api().ollamaStatus; },
      get models() { return api().models; },
      get modelKeys() { return api().modelKeys; },
      get httpServer() { return api().httpServer; },
      get chatModels() { return api().chatModels; },
      setPanelOverride: (panel) => api().setPanelOverride(panel),
    };
  }

  dispose(): void {
    for (const standIn of this.commandStandIns.splice(0)) standIn.dispose();
    this.surfaces.disposable.dispose();
  }
}
