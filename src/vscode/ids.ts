/**
 * Every id this layer shares with package.json, declared once. The integration suite checks that the commands here
 * and the commands contributed in package.json are the same set, so a rename cannot half-happen.
 */

/** Commands registered by this layer (the panel and benchmark registrars declare their own). */
export const Commands = {
  generateCode: 'llmCompare.generateCode',
  generateCodeWithModel: 'llmCompare.generateCodeWithModel',
  explainSelection: 'llmCompare.explainSelection',
  explainSelectionAllModels: 'llmCompare.explainSelectionAllModels',
  stopGeneration: 'llmCompare.stopGeneration',
  setApiKey: 'llmCompare.setApiKey',
  clearApiKey: 'llmCompare.clearApiKey',
  checkLocalModels: 'llmCompare.checkLocalModels',
  showOllamaStatus: 'llmCompare.showOllamaStatus',
  showLog: 'llmCompare.showLog',
  startHttpServer: 'llmCompare.startHttpServer',
  stopHttpServer: 'llmCompare.stopHttpServer',
} as const;

/** Registered by the comparison panel (issue 4); used here only to hand work over to it. */
export const PANEL_OPEN_COMMAND = 'llmCompare.openPanel';

/** The configuration section and its keys (relative to the section), as contributed in package.json. */
export const CONFIG_SECTION = 'llmCompare';
export const SettingKeys = {
  models: 'models',
  defaultModel: 'defaultModel',
  ollamaHost: 'ollama.host',
  hfProvider: 'huggingface.provider',
  hfEndpointUrl: 'huggingface.endpointUrl',
  requestTimeoutMs: 'requestTimeoutMs',
  httpPort: 'http.port',
  benchSandbox: 'bench.sandbox',
} as const;

/** SecretStorage key of the Hugging Face token. Nothing else stores it. */
export const SECRET_HF_KEY = 'llmCompare.huggingface.apiKey';

/** globalState key of the recently used "Generate code" descriptions. */
export const STATE_RECENT_DESCRIPTIONS = 'llmCompare.generate.recentDescriptions';

/** URI scheme of the read-only documents that show explanations when the panel is not available. */
export const EXPLAIN_SCHEME = 'llm-compare-explain';

export const OUTPUT_CHANNEL_NAME = 'LLM Compare';

/** Context key: true while a generation or explanation runs (enables "Stop generating"). */
export const CONTEXT_GENERATING = 'llmCompare.generating';

/** Context key: true while the HTTP server runs (enables "Stop HTTP server"). */
export const CONTEXT_HTTP_SERVER_RUNNING = 'llmCompare.httpServerRunning';
