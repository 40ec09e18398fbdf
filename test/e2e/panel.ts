/**
 * Phase "panel": the comparison panel in the real workbench against the Ollama and Hugging Face simulators. One
 * code-server profile and one page for every scenario (they build on each other: the history list needs earlier
 * runs, the reload needs the editor tab). Screenshots: `panel-NN-<name>.png` in the run's screenshots folder.
 */
import * as assert from 'node:assert/strict';
import { numberedShots } from './browser';
import { basicScenarios } from './panel-basics';
import {
  answerEverywhere, ask, columnBoxes, runCommand, runScenarios, sideView, useTheme, tabView, waitAllDone,
  type PanelCtx, type Scenario,
} from './panel-kit';
import { firstUserScenarios } from './panel-firstuser';
import { moreScenarios } from './panel-more';
import { judgingScenarios } from './panel-judging';
import { startPanelStand } from './panel-stand';
import type { UiStep } from './ui';

const TAB_PROMPT = 'Write add(a, b) for the editor tab';

async function tabShowsColumnsSideBySide(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  answerEverywhere(ctx.sims, 20);
  await runCommand(page, 'LLM Compare: Open comparison in editor tab');
  await page.locator('.tab.active', { hasText: 'LLM Compare' }).waitFor({ timeout: 10_000 });
  const view = tabView(page);
  await ask(view, TAB_PROMPT);
  await waitAllDone(view);
  const boxes = await columnBoxes(view);
  assert.equal(boxes.length, 3);
  const sideBySide = boxes.every((b) => b.y === boxes[0].y) && boxes[0].x < boxes[1].x && boxes[1].x < boxes[2].x;
  assert.ok(sideBySide, `not side by side: ${JSON.stringify(boxes)}`);
  // The side bar follows the same run.
  await sideView(page).locator('.run-prompt', { hasText: TAB_PROMPT }).waitFor({ timeout: 5_000 });
  await ctx.shot('tab-dark-side-by-side');
}

async function reloadRestoresTabAndRun(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  // "Developer: Reload Window", as a user reloads: the workbench shuts down properly and stores which editors are
  // open (a bare page reload can beat the storage flush, and then nothing is there to restore).
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForLoadState('load');
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The editor tab comes back (a serializer revives it) and shows the last run, as does the side bar.
  await page.locator('.tab', { hasText: 'LLM Compare' }).first().waitFor({ timeout: 60_000 });
  const tab = tabView(page);
  await tab.locator('.run-prompt', { hasText: `Prompt: ${TAB_PROMPT}` }).waitFor({ timeout: 60_000 });
  assert.equal(await tab.locator('.column[data-status="done"]').count(), 3);
  assert.match((await tab.locator('.summary').textContent()) ?? '', /3\/3 ok/);
  await sideView(page).locator('.run-prompt', { hasText: `Prompt: ${TAB_PROMPT}` }).waitFor({ timeout: 30_000 });
  // The prompt box shows the run's prompt, not an older draft of the side bar.
  assert.equal(await sideView(page).locator('textarea#prompt').inputValue(), TAB_PROMPT);
  await ctx.shot('reloaded');
}

async function lightTheme(ctx: PanelCtx): Promise<void> {
  const { page } = ctx;
  await useTheme(page, 'light');
  await page.waitForTimeout(500); // the webviews restyle with the new theme variables
  await ctx.shot('tab-light');
  await runCommand(page, 'View: Close Editor');
  await ctx.shot('sidebar-light');
}

const layoutScenarios: Scenario[] = [
  ['the editor tab shows the columns side by side', tabShowsColumnsSideBySide],
  ['a reload restores the editor tab and the last run', reloadRestoresTabAndRun],
  ['light theme (editor tab, side bar)', lightTheme],
];

/** Runs the phase; every scenario's result is returned, a setup failure is thrown. */
export async function runPanelPhase(runDir: string, shotsDir: string, apiKey: string): Promise<UiStep[]> {
  const stand = await startPanelStand(runDir, 'panel', apiKey);
  try {
    const { page, sims, dialogs } = stand;
    const ctx: PanelCtx = { page, sims, dialogs, shot: numberedShots(page, shotsDir, 'panel') };
    return await runScenarios(ctx, [...basicScenarios, ...moreScenarios, ...firstUserScenarios, ...layoutScenarios, ...judgingScenarios]);
  } finally {
    await stand.close();
  }
}
