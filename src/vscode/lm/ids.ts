/** Ids of the language-model feature, matching package.json. */
/** Our vendor id in VS Code chat (contributes.languageModelChatProviders). */
export const OWN_VENDOR = 'llm-compare';

export const LmCommands = {
  /** VS Code chat's "Manage models" for vendor `llm-compare` (contributes.languageModelChatProviders). */
  manageModels: 'llmCompare.manageModels',
} as const;
