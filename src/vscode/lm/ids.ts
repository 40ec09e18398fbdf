/** Ids of the language-model feature, matching package.json. */
export const LmCommands = {
  /** VS Code chat's "Manage models" for vendor `llm-compare` (contributes.languageModelChatProviders). */
  manageModels: 'llmCompare.manageModels',
} as const;
