/** Entry point: builds the services and registers every feature. No logic lives here. */
import * as vscode from 'vscode';
import { ApiKeyStore, registerApiKeyCommands } from './vscode/apikey';
import { registerBenchmark } from './vscode/bench/register';
import { SettingsProblemReporter } from './vscode/config';
import { registerExplain } from './vscode/explain/command';
import { registerGenerateCode } from './vscode/generate/command';
import { registerHttpServer } from './vscode/http/server';
import { Commands, OUTPUT_CHANNEL_NAME } from './vscode/ids';
import { chatModelsForRegistry, registerLanguageModels } from './vscode/lm/register';
import { ModelKeyStore } from './vscode/models/model-keys';
import { registerModelsView } from './vscode/models/register';
import { registerLocalModels } from './vscode/ollama/pull';
import { registerOllamaStatus } from './vscode/ollama/status';
import { RunningRequests } from './vscode/running';
import { registerComparePanel } from './vscode/panel/register';
import { registerBuiltInEngine } from './vscode/engine/register';
import { registerJudging } from './vscode/judge/register';
import { ExtensionServices } from './vscode/services-impl';
import { panelResolver, type LlmCompareTestApi } from './vscode/test-api';
import { createUi } from './vscode/ui';

export function activate(context: vscode.ExtensionContext): LlmCompareTestApi | undefined {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const ui = createUi();
  const keys = new ApiKeyStore(context.secrets);
  const modelKeys = new ModelKeyStore(context.secrets);
  const chatModels = chatModelsForRegistry(log);
  const services = new ExtensionServices(context, log, keys, modelKeys, new SettingsProblemReporter(ui), chatModels.extend);
  const lm = registerLanguageModels(services, chatModels.catalog);
  const judging = registerJudging(services);
  const engine = registerBuiltInEngine(services, ui, keys);
  const panel = registerComparePanel(services, ui, judging, lm.models, engine);
  const models = registerModelsView(services, ui, keys, modelKeys, panel.api);
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
    registerBenchmark(services, judging.votes),
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

  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  return { services, ui, ollamaStatus: ollama.status, httpServer: http.controller, setPanelOverride: explainTarget.override, models: models.state, modelKeys, chatModels: lm.models };
}

export function deactivate(): void {}
