/**
 * Phase "reliability" (issue 10): the fault matrix, the hostile corpus and a 50-run soak through the real comparison
 * panel, against the simulators; afterwards the extension host's log must hold no unhandled rejection or uncaught
 * error. `npm run test:e2e -- --only reliability`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { numberedShots } from './browser';
import { openSideBarDark, runScenarios, sideView, type PanelCtx, type Scenario } from './panel-kit';
import { faultMatrixThroughPanel } from './reliability-faults';
import { startPanelStand } from './panel-stand';
import { hostileCorpusInWebview, soakThroughPanel } from './reliability-webview';
import type { UiStep } from './ui';

type Ctx = PanelCtx & { pageErrors: string[] };

async function opensTheView({ page }: Ctx): Promise<void> {
  await openSideBarDark(page);
  await sideView(page).locator('textarea#prompt').waitFor({ timeout: 60_000 });
}

/** Lines of the extension host's logs that report an unhandled rejection or an uncaught error from our extension. */
function unhandledInLogs(dir: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.log')) {
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          if (/rejected promise not handled|unhandled ?rejection|uncaught exception/i.test(line) && /llm-?compare|llmCompare/i.test(line)) hits.push(`${name}: ${line.slice(0, 200)}`);
        }
      }
    }
  };
  walk(dir);
  return hits;
}

export async function runReliabilityPhase(runDir: string, shotsDir: string, apiKey: string): Promise<UiStep[]> {
  const stand = await startPanelStand(runDir, 'reliability', apiKey);
  try {
    let steps: UiStep[] = [];
    try {
      const { page, sims, dialogs, pageErrors } = stand;
      const shot = numberedShots(page, shotsDir, 'reliability');
      const ctx: Ctx = { page, sims, dialogs, shot, pageErrors };
      const only = process.env.E2E_RELIABILITY;
      const scenarios: Array<[string, (c: Ctx) => Promise<void>]> = [
        ['the comparison view opens', opensTheView],
        ['fault matrix: one failing column per fault, the others finish, the next run works', faultMatrixThroughPanel],
        ['hostile corpus: nothing runs, no CSP violation, no command, the view stays responsive', hostileCorpusInWebview],
        ['soak: 50 runs × 3 models through the panel', (c) => soakThroughPanel(c, Number(process.env.E2E_SOAK_RUNS ?? 50))],
      ];
      const chosen = scenarios.filter(([name], i) => i === 0 || !only || name.startsWith(only));
      steps = await runScenarios(ctx, chosen as Scenario[]);
    } finally {
      await stand.stopWorkbench();
    }
    const unhandled = unhandledInLogs(path.join(runDir, 'reliability'));
    steps.push({ name: 'no unhandled rejection or uncaught error in the extension host logs', ok: unhandled.length === 0, seconds: 0, error: unhandled.slice(0, 3).join(' | ') || undefined });
    console.log(`  ${unhandled.length ? '✗' : '✓'} no unhandled rejection or uncaught error in the extension host logs${unhandled.length ? `: ${unhandled[0]}` : ''}`);
    return steps;
  } finally {
    await stand.close();
  }
}
