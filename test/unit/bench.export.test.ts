import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { csvField, toCsv } from '../../src/core/bench/export/csv';
import { toHtml } from '../../src/core/bench/export/html';
import { formatForPath } from '../../src/core/bench/export';
import { toJson } from '../../src/core/bench/export/json';
import { toMarkdown } from '../../src/core/bench/export/markdown';
import { startBench } from '../../src/core/bench/run';
import type { BenchReport, Suite } from '../../src/core/bench/types';
import { FakeProvider, fakeModel } from '../support/fake-provider';

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

async function sampleReport(): Promise<BenchReport> {
  const suite: Suite = { name: 'mine', tasks: [{ kind: 'prompt', id: 't1', prompt: 'a' }, { kind: 'prompt', id: 'quote,"t2"', prompt: 'b' }] };
  let i = 0;
  const p = new FakeProvider({ reply: () => (i++ % 2 ? HOSTILE : 'line one\nline "two", with comma') });
  const run = startBench({ suite, models: [fakeModel('a', p), fakeModel('b', p)], repeats: 2, probe: async () => null });
  return run.done;
}

describe('bench: exports', () => {
  let report: BenchReport;
  let renderer = '';
  before(async function () {
    this.timeout(60_000);
    report = await sampleReport();
    // The real browser renderer, bundled the way esbuild.config.mjs does (in memory: no dist/ needed).
    const out = await esbuild.build({ entryPoints: [join(__dirname, '../../src/webview/report/main.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
    renderer = out.outputFiles[0].text;
  });

  it('picks the format from the --out extension', () => {
    assert.deepEqual(['r.json', 'r.CSV', 'r.md', 'r.html', 'r.htm', 'r.txt'].map(formatForPath), ['json', 'csv', 'md', 'html', 'html', null]);
  });

  it('JSON round-trips and carries manifest, every sample, summary and features', () => {
    const back = JSON.parse(toJson(report)) as BenchReport;
    assert.deepEqual(back, report);
    assert.equal(back.samples.length, 8);
    assert.deepEqual(Object.keys(back.summary[0].totalMs).sort(), ['count', 'max', 'mean', 'median', 'min', 'p95']);
    assert.equal(back.features.length, 2);
    assert.equal(back.manifest.settings.repeats, 2);
  });

  it('CSV: one RFC 4180 row per sample with the same numbers as the JSON', () => {
    const csv = toCsv(report);
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(csvField('a"b,c'), '"a""b,c"');
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField(null), '');
    const rows = parseCsv(csv);
    assert.equal(rows.length, 1 + report.samples.length);
    const head = rows[0];
    report.samples.forEach((s, i) => {
      const row = Object.fromEntries(head.map((h, j) => [h, rows[i + 1][j]]));
      assert.equal(row.task, s.taskId);
      assert.equal(row.total_ms, String(s.metrics.totalMs));
      assert.equal(row.tokens_per_second, s.metrics.tokensPerSecond === null ? '' : String(s.metrics.tokensPerSecond));
      assert.equal(row.answer, s.text);
    });
  });

  it('Markdown: manifest, summary and feature tables with the JSON’s figures, cells escaped', () => {
    const md = toMarkdown(report);
    for (const s of report.summary) {
      assert.ok(md.includes(`${Math.round(s.totalMs.median ?? -1)} ms`), `median of ${s.id}`);
      assert.ok(md.includes(`| ${s.id} (${s.model}) | ${s.samples} |`));
    }
    assert.match(md, /## Features/);
    assert.match(md, /Q4_0/);
    assert.match(md, /Prompt-only suite: answers were timed only/);
    assert.ok(!md.includes('<script>'));
  });

  it('HTML: one self-contained file with a CSP, the renderer and the data, where hostile text stays inert', () => {
    const html = toHtml(report, renderer, 'NONCE123');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-NONCE123'/);
    assert.ok(!html.includes(HOSTILE), 'the raw answer never appears');
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!/<img src=x/.test(html));
    // Exactly the two script elements we wrote: the JSON data block and the nonce'd renderer.
    assert.equal((html.match(/<script\b/g) ?? []).length, 2);
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
    const data = html.match(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/)?.[1] ?? '';
    assert.ok(data.includes('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)'));
    const back = JSON.parse(data) as BenchReport;
    assert.ok(back.samples.some((s) => s.text === HOSTILE), 'JSON.parse restores the text exactly');
    assert.ok(html.includes('chart.js') || /Chart/.test(renderer), 'chart.js is bundled in');
  });

  it('the renderer writes data with textContent, never innerHTML', () => {
    const ours = renderer.slice(renderer.indexOf('// src/webview/report/'));
    assert.ok(ours.length > 1000, 'our modules are in the bundle');
    assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(ours));
    assert.match(ours, /textContent/);
    assert.match(renderer, /report-data/);
  });
});

/** A small RFC 4180 reader, so the test checks the quoting rather than trusting it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}
