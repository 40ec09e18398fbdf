/** The last descriptions given to "Generate code", newest first, kept across sessions (globalState). */
import type * as vscode from 'vscode';
import { STATE_RECENT_DESCRIPTIONS } from '../ids';
import type { Ui } from '../ui';

const MAX_RECENTS = 10;

export class RecentDescriptions {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    const v = this.state.get<unknown>(STATE_RECENT_DESCRIPTIONS);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  async remember(description: string): Promise<void> {
    const d = description.trim();
    const next = [d, ...this.list().filter((x) => x !== d)].slice(0, MAX_RECENTS);
    await this.state.update(STATE_RECENT_DESCRIPTIONS, next);
  }
}

const NEW_ITEM = '$(add) New description…';

/** A quick pick of recent descriptions (when there are any) with "New description…" first, then an input box. */
export async function askDescription(ui: Ui, recents: RecentDescriptions, modelLabel: string): Promise<string | undefined> {
  const list = recents.list();
  if (list.length > 0) {
    const items = [{ label: NEW_ITEM, alwaysShow: true }, ...list.map((d) => ({ label: d, description: 'recent' }))];
    const picked = await ui.pick(items, { title: `Generate code with ${modelLabel}`, placeHolder: 'Pick a recent description or write a new one' });
    if (!picked) return undefined;
    if (picked.label !== NEW_ITEM) return picked.label;
  }
  const value = await ui.input({
    title: `Generate code with ${modelLabel}`,
    prompt: 'Describe the code to write at the cursor (or to replace the selection)',
    placeHolder: 'e.g. a function that parses ISO dates and returns null on bad input',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Describe what the code should do.' : undefined),
  });
  return value?.trim() || undefined;
}
