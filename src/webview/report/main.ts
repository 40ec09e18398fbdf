/**
 * The self-contained HTML export's entry (inside dist/webview/charts.js, inlined into the file): reads the report JSON from
 * `#report-data` and draws it. Charts follow the reader's light or dark preference, as the export's stylesheet does.
 */
import type { BenchReport } from '../../core/bench/types';
import { DARK_CHARTS, LIGHT_CHARTS } from './charts';
import { el } from './dom';
import { renderReport } from './render';

function start(): void {
  const data = document.getElementById('report-data');
  const root = document.getElementById('app');
  if (!data || !root) return;
  try {
    const report = JSON.parse(data.textContent ?? '') as BenchReport;
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const draw = () => renderReport(root, report, { theme: dark.matches ? DARK_CHARTS : LIGHT_CHARTS });
    draw();
    dark.addEventListener('change', draw);
  } catch (e) {
    root.replaceChildren(el('p', `Cannot show this report: ${e instanceof Error ? e.message : String(e)}`, 'note'));
  }
}

start();
