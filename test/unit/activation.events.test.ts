/**
 * The extension activates when it is used (a command, its view, a restored panel), never at VS Code's start-up:
 * a user who does not open it pays nothing, and nothing asks Ollama anything. (The e2e UI phase checks the same in
 * a real VS Code: no status item until the first command.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  activationEvents?: string[];
  contributes: { views: Record<string, { id: string }[]> };
};

describe('activation', () => {
  it('has no start-up activation event', () => {
    const startUp = (pkg.activationEvents ?? []).filter((e) => e === '*' || e === 'onStartupFinished' || e.startsWith('workspaceContains:') || e.startsWith('onLanguage:'));
    assert.deepEqual(startUp, []);
  });

  it('activates for its views and restored panels (commands activate by themselves since VS Code 1.74)', () => {
    const events = new Set(pkg.activationEvents ?? []);
    for (const view of Object.values(pkg.contributes.views).flat()) assert.ok(events.has(`onView:${view.id}`), view.id);
    assert.ok(events.has('onWebviewPanel:llmCompare.comparePanel'));
    assert.ok(events.has('onWebviewPanel:llmCompare.benchReport'));
  });
});
