/**
 * The benchmark report view's plain parts: progress wording, the message protocol and its guard, and the view's
 * webview script, bundled as esbuild bundles it and run against a fake page (renderer stubbed) to pin what it does
 * across the boundary: `ready` first, redraws in place and throttled, theme changes, export requests.
 */
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { EXPORT_FORMATS } from '../../src/core/bench/export';
import { EXPORT_LABELS, parseFromBenchView, type ToBenchView } from '../../src/shared/bench-protocol';
import { humanDuration, progressMessage } from '../../src/vscode/bench/format';

/** The shipped entry: one bundle for the bench view and the HTML export, the page decides which runs. */
const ENTRY = 'src/webview/charts/main.ts';

describe('bench report view (plain parts)', () => {
  it('the notification reads "12/46 · ETA 1m 20s"', () => {
    assert.equal(progressMessage({ done: 12, total: 46, resumed: 0, elapsedMs: 30_000, etaMs: 80_000 }), '12/46 · ETA 1m 20s');
    assert.equal(progressMessage({ done: 0, total: 46, resumed: 0, elapsedMs: 0, etaMs: null }), '0/46 · ETA …');
    assert.equal(progressMessage({ done: 5, total: 46, resumed: 5, elapsedMs: 0, etaMs: null }), '5/46 (5 resumed) · ETA …');
    assert.equal(progressMessage({ done: 46, total: 46, resumed: 0, elapsedMs: 9000, etaMs: 0 }), '46/46 · finishing');
    assert.equal(humanDuration(45_400), '45s');
    assert.equal(humanDuration(2 * 3600_000 + 5 * 60_000), '2h 05m');
  });

  it('only well-formed messages from the webview are accepted, rebuilt without extra fields', () => {
    assert.deepEqual(parseFromBenchView({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromBenchView({ type: 'ready', html: '<b>' }), { type: 'ready' });
    for (const format of EXPORT_FORMATS) {
      assert.deepEqual(parseFromBenchView({ type: 'export', format, path: '/etc/passwd' }), { type: 'export', format });
    }
    const bad = [null, undefined, 'ready', 42, ['ready'], {}, { type: 'export', format: 'exe' }, { type: 'export' },
      { type: 'export', format: 'toString' }, { type: 'export', format: '__proto__' }, { type: 'run', format: 'json' }, { type: 'report' }];
    for (const raw of bad) assert.equal(parseFromBenchView(raw), null, JSON.stringify(raw) ?? String(raw));
  });

  it('the view offers exactly the formats the core can export', () => {
    assert.deepEqual(Object.keys(EXPORT_LABELS).sort(), [...EXPORT_FORMATS].sort());
  });

  describe('the webview script (src/webview/bench/main.ts, inside dist/webview/charts.js)', function () {
    this.timeout(30_000);

    it('bundles for the browser alone: no Node, no vscode, no require', async () => {
      const out = await esbuild.build({ entryPoints: [ENTRY], bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent' });
      const js = out.outputFiles[0].text;
      assert.ok(!/\brequire\(/.test(js), 'a require() left in the browser bundle');
      assert.ok(js.includes('acquireVsCodeApi'), 'it talks to VS Code through the webview API');
    });

    it('says ready first, redraws in place, throttled, on theme changes too, and asks for exports', async () => {
      const page = await loadScript();
      assert.deepEqual(page.posted, [{ type: 'ready' }], 'ready comes first, on its own');
      const report = (n: number) => ({ type: 'report', report: { n }, status: { state: 'running', text: `Running ${n}/9` } }) as unknown as ToBenchView;
      page.send(report(1));
      await page.settle();
      assert.equal(page.renders.length, 1);
      assert.equal(page.status.textContent, 'Running 1/9');
      assert.equal(page.renders[0].options.theme.text, '#ccc', 'the chart text comes from --vscode-foreground');
      assert.equal(page.renders[0].options.theme.series[0], '#36f', 'the series from --vscode-charts-*');
      for (let n = 2; n <= 6; n++) page.send(report(n));
      await page.settle(400);
      assert.equal(page.renders.length, 2, 'a burst of updates is drawn once');
      assert.deepEqual(page.renders[1].report, { n: 6 }, 'and it is the newest one');

      page.css['--vscode-foreground'] = '#222';
      page.mutate();
      await page.settle(400);
      assert.equal(page.renders.length, 3, 'a theme change redraws');
      assert.equal(page.renders[2].options.theme.text, '#222');
      page.mutate(); // an attribute write that changes no colour
      await page.settle(400);
      assert.equal(page.renders.length, 3, 'no redraw when the colours stay the same');

      page.click('md');
      page.click('exe');
      assert.deepEqual(page.posted.slice(1), [{ type: 'export', format: 'md' }], 'only a real format is asked for');
    });

    it('the same bundle draws the HTML export\'s inline report, and starts no view there', async () => {
      const page = await loadScript(JSON.stringify({ n: 7 }));
      await page.settle();
      assert.deepEqual(page.posted, [], 'no webview API talk in the export');
      assert.equal(page.renders.length, 1);
      assert.deepEqual(page.renders[0].report, { n: 7 }, 'the report comes from #report-data');
    });
  });
});

interface Render {
  report: unknown;
  options: { theme: { text: string; series: string[] } };
}

/** Bundles the view's entry with the renderer and chart palette stubbed, and runs it against a fake page. */
async function loadScript(reportData?: string) {
  const stubs: esbuild.Plugin = {
    name: 'stubs',
    setup(build) {
      build.onResolve({ filter: /(report\/|^\.\/)(render|charts)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
      build.onLoad({ filter: /render$/, namespace: 'stub' }, () => ({ contents: 'export function renderReport(root, report, options) { __renders.push({ report, options }); }' }));
      build.onLoad({ filter: /charts$/, namespace: 'stub' }, () => ({ contents: 'export const LIGHT_CHARTS = { text: "#666", grid: "#eee", series: ["#111"] }; export const DARK_CHARTS = LIGHT_CHARTS;' }));
    },
  };
  const out = await esbuild.build({ entryPoints: [ENTRY], bundle: true, platform: 'browser', format: 'iife', write: false, plugins: [stubs], logLevel: 'silent' });
  const posted: unknown[] = [];
  const renders: Render[] = [];
  const css: Record<string, string> = { '--vscode-foreground': '#ccc', '--vscode-charts-blue': '#36f', '--vscode-charts-orange': '#f80' };
  const listeners: Record<string, Array<(e: { data: unknown }) => void>> = {};
  const clicks = new Map<string, () => void>();
  const observers: Array<() => void> = [];
  const status = { textContent: '', dataset: {} as Record<string, string> };
  const button = (format: string) => ({ dataset: { export: format }, addEventListener: (_: string, f: () => void) => clicks.set(format, f) });
  const body = { dataset: {} as Record<string, string>, classList: { contains: () => false }, appendChild: (x: unknown) => x };
  const document = {
    body,
    documentElement: {},
    getElementById: (id: string) => (id === 'report-data' ? (reportData === undefined ? null : { textContent: reportData }) : { id: 'app' }),
    querySelector: () => status,
    querySelectorAll: () => [button('md'), button('exe')],
    createElement: () => ({}),
  };
  const window = {
    scrollX: 0,
    scrollY: 0,
    scrollTo: () => undefined,
    setTimeout,
    addEventListener: (type: string, f: (e: { data: unknown }) => void) => (listeners[type] ??= []).push(f),
    matchMedia: () => ({ matches: false, addEventListener: () => undefined }),
  };
  class FakeObserver {
    constructor(private readonly callback: () => void) {}
    observe(): void {
      observers.push(this.callback);
    }
  }
  const api = { postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState: () => undefined };
  new Function('acquireVsCodeApi', 'document', 'window', 'getComputedStyle', 'MutationObserver', 'requestAnimationFrame', '__renders', out.outputFiles[0].text)(
    () => api,
    document,
    window,
    () => ({ getPropertyValue: (name: string) => css[name] ?? '' }),
    FakeObserver,
    (f: () => void) => setTimeout(f, 0),
    renders,
  );
  return {
    posted,
    renders,
    css,
    status,
    send: (data: ToBenchView) => listeners.message?.forEach((f) => f({ data })),
    mutate: () => observers[0]?.(),
    click: (format: string) => clicks.get(format)?.(),
    settle: (ms = 20) => new Promise((r) => setTimeout(r, ms)),
  };
}
