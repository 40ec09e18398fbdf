/** The report's charts, drawn with chart.js (tree-shaken: only the bar chart parts are registered). */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title, Tooltip } from 'chart.js';
import type { BenchReport } from '../../core/bench/types';
import { el } from './dom';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

/** Colours and font the charts draw with; the VS Code view passes its theme's, the HTML export a fixed set. */
export interface ChartTheme {
  /** Titles, legends, tick labels. */
  text: string;
  /** Grid lines and axes. */
  grid: string;
  /** One per data series, in order (repeated when there are more series). */
  series: string[];
  fontFamily?: string;
}

/** chart.js's own look: grey text that reads on white, the palette the export has always used. */
export const LIGHT_CHARTS: ChartTheme = {
  text: '#666',
  grid: 'rgba(0, 0, 0, 0.1)',
  series: ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2'],
};

/** The same palette on a dark page: light text, faint grid. */
export const DARK_CHARTS: ChartTheme = { ...LIGHT_CHARTS, text: '#c9d1d9', grid: 'rgba(255, 255, 255, 0.14)' };

interface Series {
  label: string;
  data: Array<number | null>;
}

function chartBox(parent: HTMLElement): HTMLCanvasElement {
  const box = el('div', null, 'chart');
  const canvas = el('canvas');
  box.append(canvas);
  parent.append(box);
  return canvas;
}

function bar(parent: HTMLElement, theme: ChartTheme, title: string, labels: string[], datasets: Series[], yTitle: string, max?: number): Chart<'bar'> {
  const font = theme.fontFamily ? { family: theme.fontFamily } : {};
  const axis = { ticks: { color: theme.text, font }, grid: { color: theme.grid }, border: { color: theme.grid } };
  return new Chart(chartBox(parent), {
    type: 'bar',
    data: { labels, datasets: datasets.map((d, i) => ({ ...d, backgroundColor: theme.series[i % theme.series.length] })) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        title: { display: true, text: title, color: theme.text, font: { ...font, size: 13, weight: 'bold' } },
        legend: { display: datasets.length > 1, labels: { color: theme.text, font } },
      },
      scales: {
        x: axis,
        y: { ...axis, beginAtZero: true, title: { display: true, text: yTitle, color: theme.text, font }, ...(max !== undefined ? { max } : {}) },
      },
    },
  });
}

/** Draws every chart into `parent` (already in the document: chart.js measures it) and returns them for destroy(). */
export function drawCharts(parent: HTMLElement, report: BenchReport, theme: ChartTheme = LIGHT_CHARTS): Array<Chart<'bar'>> {
  const labels = report.summary.map((s) => s.id);
  const s = report.summary;
  const charts = [
    // Latency distribution as min / median / p95 / max per model: the spread matters as much as the middle.
    bar(parent, theme, 'Total time per answer (distribution)', labels, [
      { label: 'min', data: s.map((r) => r.totalMs.min) },
      { label: 'median', data: s.map((r) => r.totalMs.median) },
      { label: 'p95', data: s.map((r) => r.totalMs.p95) },
      { label: 'max', data: s.map((r) => r.totalMs.max) },
    ], 'ms'),
    bar(parent, theme, 'Time to first token', labels, [
      { label: 'median', data: s.map((r) => r.ttftMs.median) },
      { label: 'p95', data: s.map((r) => r.ttftMs.p95) },
    ], 'ms'),
    bar(parent, theme, 'Tokens per second', labels, [{ label: 'median', data: s.map((r) => r.tokensPerSecond.median) }], 'tokens/s'),
  ];
  if (s.some((r) => r.passAt1 !== null)) {
    charts.push(bar(parent, theme, 'Pass@1', labels, [{ label: 'pass@1 (%)', data: s.map((r) => (r.passAt1 === null ? null : r.passAt1 * 100)) }], '%', 100));
  }
  return charts;
}
