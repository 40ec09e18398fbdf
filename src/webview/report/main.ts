/**
 * Browser-side benchmark report: reads the report JSON from `#report-data` and draws the manifest, charts, summary,
 * feature table and samples. Used by the self-contained HTML export; the VS Code report view can reuse it.
 * Data is only ever written with textContent: model answers stay text.
 */
import type { BenchReport } from '../../core/bench/types';
import { drawCharts } from './charts';
import { bytes, el, ms, num, pct, table } from './dom';

function render(root: HTMLElement, r: BenchReport): void {
  const m = r.manifest;
  const s = m.settings;
  root.replaceChildren();
  root.append(el('h1', `Benchmark: ${s.suite.name} (${s.suite.size} tasks)`));
  if (m.incomplete) root.append(el('p', 'Incomplete run: stopped before every sample finished.', 'note'));
  root.append(el('p', m.scoringNote, s.execute ? undefined : 'note'));

  root.append(el('h2', 'Run'));
  root.append(
    table(['Setting', 'Value'], [
      ['Date', m.date],
      ['Tool version', m.toolVersion],
      ['Repeats / warm-up', `${s.repeats} / ${s.warmup}`],
      ['Mode / concurrency', `${s.mode} / ${s.concurrency}`],
      ['Temperature / seed', `${s.temperature} / ${s.seed ?? 'none'}`],
      ['Code executed', s.execute ? `yes (${s.timeoutMs} ms limit)` : 'no'],
      ['Ollama version', m.ollamaVersion ?? '–'],
      ['Hugging Face provider', m.huggingfaceProvider ?? '–'],
      ['Machine', `${m.machine.cpu}, ${m.machine.cores} cores, ${bytes(m.machine.memoryBytes)}, ${m.machine.os}`],
      ['GPU', m.machine.gpu ?? 'none detected'],
      ['Warm-up runs (discarded)', String(m.warmups.length)],
    ]),
  );

  root.append(el('h2', 'Charts'));
  const charts = el('div', null, 'charts');
  root.append(charts);
  drawCharts(charts, r);

  root.append(el('h2', 'Summary per model'));
  root.append(
    table(
      ['Model', 'Samples', 'Errors', 'Pass@1', 'pass@k', 'TTFT median', 'Total median', 'Total p95', 'Tokens/s median'],
      r.summary.map((x) => [
        `${x.id} (${x.model})`,
        String(x.samples),
        Object.entries(x.errors).map(([k, n]) => `${k}: ${n}`).join(', ') || '0',
        pct(x.passAt1),
        Object.entries(x.passAtK).map(([k, v]) => `@${k} ${pct(v)}`).join(', ') || '–',
        ms(x.ttftMs.median),
        ms(x.totalMs.median),
        ms(x.totalMs.p95),
        num(x.tokensPerSecond.median),
      ]),
    ),
  );

  root.append(el('h2', 'Features'));
  root.append(
    table(
      ['Model', 'Provider', 'Where', 'Parameters', 'Quantization', 'Size', 'Context', 'Internet', 'API key', 'Streaming', 'Latency', 'TTFT', 'Tokens/s', 'Pass@1'],
      r.features.map((f) => [
        f.label, f.provider, f.location, f.parameters ?? '–', f.quantization ?? '–', bytes(f.sizeBytes),
        f.contextWindow === null ? '–' : String(f.contextWindow), f.needsInternet ? 'yes' : 'no', f.needsApiKey ? 'yes' : 'no',
        f.streaming ? 'yes' : 'no', ms(f.medianTotalMs), ms(f.medianTtftMs), num(f.medianTokensPerSecond), pct(f.passAt1),
      ]),
    ),
  );

  root.append(el('h2', `Samples (${r.samples.length})`));
  root.append(
    table(
      ['Task', 'Model', 'Repeat', 'Total', 'Outcome', 'Answer'],
      r.samples.map((x) => {
        const details = el('details');
        details.append(el('summary', `${x.text.length} chars`), el('pre', x.text));
        const outcome = x.error ? `error: ${x.error.kind}` : x.score?.kind ?? 'not scored';
        const cell = el('span', x.score?.detail ? `${outcome}: ${x.score.detail}` : outcome, x.score?.kind);
        return [x.taskId, x.modelId, String(x.repeat + 1), ms(x.metrics.totalMs), cell, details];
      }),
    ),
  );
}

function start(): void {
  const data = document.getElementById('report-data');
  const root = document.getElementById('app');
  if (!data || !root) return;
  try {
    render(root, JSON.parse(data.textContent ?? '') as BenchReport);
  } catch (e) {
    root.replaceChildren(el('p', `Cannot show this report: ${e instanceof Error ? e.message : String(e)}`, 'note'));
  }
}

start();
