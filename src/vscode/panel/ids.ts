/** Ids the comparison panel shares with package.json, declared once (the panel registers its own commands). */

export const PanelCommands = {
  openPanel: 'llmCompare.openPanel',
  stopAll: 'llmCompare.stopAll',
  compareSelection: 'llmCompare.compareSelection',
} as const;

export const VIEW_CONTAINER_ID = 'llmCompare';
export const COMPARE_VIEW_ID = 'llmCompare.compareView';
/** The editor-tab variant of the same UI. */
export const COMPARE_PANEL_TYPE = 'llmCompare.comparePanel';
/** Read-only documents for "Show diff": the selection on the left, the model's code on the right. */
export const DIFF_SCHEME = 'llm-compare-diff';
export const PREFS_KEY = 'llmCompare.panel.prefs';
