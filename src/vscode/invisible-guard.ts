/**
 * The question asked before model-written code that holds invisible characters (bidi overrides, zero-width spaces)
 * goes into an editor: such code can read differently from how it runs. The modal names the characters and shows
 * the affected lines with them made visible; only "Insert anyway" inserts.
 */
import { invisiblesWarning } from '../core/invisible';
import type { Ui } from './ui';

export const INSERT_ANYWAY = 'Insert anyway';

/** True when the code is clean, or the user chose to insert it anyway. */
export async function confirmInvisibles(ui: Ui, code: string): Promise<boolean> {
  const warning = invisiblesWarning(code);
  if (!warning) return true;
  const detail = `${warning.detail}\n\nOnce inserted, the editor marks these characters; review the code before you run it.`;
  return ui.confirm(warning.summary, detail, INSERT_ANYWAY);
}
