/** The report's charts, drawn with chart.js (tree-shaken: only the bar chart parts are registered). */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip } from 'chart.js';
import type { BenchReport } from '../../core/bench/types';
import { el } from './dom';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2'];

function chartBox(parent: HTMLElement): HTMLCanvasElement {
  const box = el('div', null, 'chart');
  const canvas = el('canvas');
  box.append(canvas);
  parent.append(box);
  return canvas;
}

function bar(parent: HTMLElement, title: string, labels: string[], datasets: Array<{ label: string; data: Array<number | null> }>, yTitle: string, max?: number): void {
  new Chart(chartBox(parent), {
    type: 'bar',
    data: { labels, datasets: datasets.map((d, i) => ({ ...d, backgroundColor: COLORS[i % COLORS.length] })) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { title: { display: true, text: title }, legend: { display: datasets.length > 1 } },
      scales: { y: { beginAtZero: true, title: { display: true, text: yTitle }, ...(max !== undefined ? { max } : {}) } },
    },
  });
}

export function drawCharts(parent: HTMLElement, report: BenchReport): void {
  const labels = report.summary.map((s) => s.id);
  const s = report.summary;
  // Latency distribution as min / median / p95 / max per model: the spread matters as much as the middle.
  bar(parent, 'Total time per answer (distribution)', labels, [
    { label: 'min', data: s.map((r) => r.totalMs.min) },
    { label: 'median', data: s.map((r) => r.totalMs.median) },
    { label: 'p95', data: s.map((r) => r.totalMs.p95) },
    { label: 'max', data: s.map((r) => r.totalMs.max) },
  ], 'ms');
  bar(parent, 'Time to first token', labels, [
    { label: 'median', data: s.map((r) => r.ttftMs.median) },
    { label: 'p95', data: s.map((r) => r.ttftMs.p95) },
  ], 'ms');
  bar(parent, 'Tokens per second', labels, [{ label: 'median', data: s.map((r) => r.tokensPerSecond.median) }], 'tokens/s');
  if (s.some((r) => r.passAt1 !== null)) {
    bar(parent, 'Pass@1', labels, [{ label: 'pass@1 (%)', data: s.map((r) => (r.passAt1 === null ? null : r.passAt1 * 100)) }], '%', 100);
  }
}
