/** Ids the built-in engine's VS Code side shares with package.json, declared once. */

export const EngineCommands = {
  setUp: 'llmCompare.engine.setUp',
  /** The Models view's "Set up" on a built-in engine model whose files are missing (same flow, shorter title). */
  setUpFromModel: 'llmCompare.engine.setUpFromModel',
  removeDownloads: 'llmCompare.engine.removeDownloads',
} as const;
