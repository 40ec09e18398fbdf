/**
 * Chart colours from the VS Code theme. chart.js paints on a canvas, where CSS variables do not reach, so the view
 * reads them once per theme and hands them to the renderer; a theme switch changes the body's class and the
 * variables on <html>, and the view redraws.
 */
import { DARK_CHARTS, LIGHT_CHARTS, type ChartTheme } from '../report/charts';

/** VS Code's chart palette (--vscode-charts-*), in the order the series take them. */
const SERIES = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'];

export function readTheme(): ChartTheme {
  const css = getComputedStyle(document.body);
  const v = (name: string) => css.getPropertyValue(name).trim();
  const fallback = document.body.classList.contains('vscode-light') ? LIGHT_CHARTS : DARK_CHARTS;
  const series = SERIES.map((c) => v(`--vscode-charts-${c}`)).filter((c) => c !== '');
  return {
    text: v('--vscode-charts-foreground') || v('--vscode-foreground') || fallback.text,
    grid: v('--vscode-editorWidget-border') || v('--vscode-charts-lines') || fallback.grid,
    series: series.length > 0 ? series : fallback.series,
    fontFamily: v('--vscode-font-family') || undefined,
  };
}

/** Calls `changed` with the new colours whenever the theme really changes (not on every attribute write). */
export function watchTheme(changed: (theme: ChartTheme) => void): void {
  let last = JSON.stringify(readTheme());
  const check = () => {
    const theme = readTheme();
    const key = JSON.stringify(theme);
    if (key === last) return;
    last = key;
    changed(theme);
  };
  const observer = new MutationObserver(check);
  // The class says light/dark/high contrast; two dark themes differ only in the variables set on <html>.
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
