/**
 * Everything the extension does, loaded by the activation shell (src/extension.ts) on first use: builds the services
 * and registers every feature. Bundled as dist/features.js, apart from dist/extension.js, so that activating costs
 * the shell only. No logic lives here.
 */
import * as vscode from 'vscode';
import { ApiKeyStore, registerApiKeyCommands } from './apikey';
import { registerBenchmark } from './bench/register';
import { SettingsProblemReporter } from './config';
import { registerExplain } from './explain/command';
import { registerGenerateCode } from './generate/command';
import type { SurfaceHost } from './host';
import { registerHttpServer } from './http/server';
import { Commands, OUTPUT_CHANNEL_NAME } from './ids';
import { chatModelsForRegistry, registerLanguageModels } from './lm/register';
import { ModelKeyStore } from './models/model-keys';
import { registerModelsView } from './models/register';
import { registerLocalModels } from './ollama/pull';
import { registerOllamaStatus } from './ollama/status';
import { RunningRequests } from './running';
import { registerComparePanel } from './panel/register';
import { registerBuiltInEngine } from './engine/register';
import { registerJudging } from './judge/register';
import { ExtensionServices } from './services-impl';
import { panelResolver, type LlmCompareTestApi } from './test-api';
import { createUi } from './ui';

export interface ActiveFeatures {
  /** What the test API reads (development and test runs only). */
  readonly testApi: LlmCompareTestApi;
}

export function activateFeatures(context: vscode.ExtensionContext, host: SurfaceHost): ActiveFeatures {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const ui = createUi();
  const keys = new ApiKeyStore(context.secrets);
  const modelKeys = new ModelKeyStore(context.secrets);
  const chatModels = chatModelsForRegistry(log);
  const services = new ExtensionServices(context, log, keys, modelKeys, new SettingsProblemReporter(ui), chatModels.extend);
  const lm = registerLanguageModels(services, chatModels.catalog, host);
  const judging = registerJudging(services);
  const engine = registerBuiltInEngine(services, ui, keys);
  const panel = registerComparePanel(services, ui, judging, lm.models, engine, host);
  const models = registerModelsView(services, ui, keys, modelKeys, panel.api, host);
  const explainTarget = panelResolver(panel.api);
  const ollama = registerOllamaStatus(services, ui);
  const running = new RunningRequests();
  const http = registerHttpServer(services, ui);

  context.subscriptions.push(
    log,
    keys,
    modelKeys,
    services,
    lm.disposable,
    judging.disposable,
    engine.disposable,
    panel.disposable,
    models.disposable,
    registerBenchmark(services, judging.votes, host),
    registerApiKeyCommands(keys, ui, log),
    running,
    registerGenerateCode(services, ui, running),
    registerExplain(services, ui, explainTarget.resolve, running),
    ollama.disposable,
    registerLocalModels(services, ui, () => void ollama.status.refresh()),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    http.disposable,
  );
  services.validateNow();

  return {
    testApi: { services, ui, ollamaStatus: ollama.status, httpServer: http.controller, setPanelOverride: explainTarget.override, models: models.state, modelKeys, chatModels: lm.models },
  };
}
