/** Ids the models view shares with package.json, declared once (the integration suite checks them against it). */

export const MODELS_VIEW_ID = 'llmCompare.modelsView';

export const ModelsCommands = {
  addModel: 'llmCompare.models.add',
  refresh: 'llmCompare.models.refresh',
  compareWith: 'llmCompare.models.compareWith',
  setDefault: 'llmCompare.models.setDefault',
  test: 'llmCompare.models.test',
  pull: 'llmCompare.models.pull',
  setKey: 'llmCompare.models.setKey',
  clearKey: 'llmCompare.models.clearKey',
  edit: 'llmCompare.models.edit',
  remove: 'llmCompare.models.remove',
  moveUp: 'llmCompare.models.moveUp',
  moveDown: 'llmCompare.models.moveDown',
  openSettingsJson: 'llmCompare.models.openSettingsJson',
} as const;

/** SecretStorage key of one model's own API key (the Hugging Face token stays at its own key). */
export function modelKeySecret(slotId: string): string {
  return `${MODEL_KEY_PREFIX}${slotId}`;
}
export const MODEL_KEY_PREFIX = 'llmCompare.modelKey.';
