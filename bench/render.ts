/**
 * How the streaming renderer's cost per delta changes as an answer grows. Streams a long, code-heavy answer
 * (~20,000 tokens) through IncrementalMarkdown in small deltas, rendering the tail once per "frame" of N deltas as
 * the webview does, and prints the time per delta for the first and last tenth. Flat = linear overall.
 * Figures only: nothing is asserted.
 */
import { cpus } from 'node:os';
import { IncrementalMarkdown } from '../src/webview/panel/incremental';
import { renderMarkdown } from '../src/webview/panel/markdown';

const TARGET_TOKENS = 20_000;
const CHARS_PER_TOKEN = 4;
const DELTA_CHARS = 12; // a few tokens, as providers send them
const DELTAS_PER_FRAME = 4; // 3 columns streaming at ~60 tokens/s each land a handful of deltas per 16 ms frame

function section(i: number): string {
  return [
    `## Step ${i}: handle the edge case\n\n`,
    `The function below checks the input, then walks the list once. It runs in *O(n)* and keeps \`state\` small; see [the docs](https://example.com/${i}).\n\n`,
    '```typescript\n',
    `export function step${i}(items: number[]): number {\n  let total = 0;\n`,
    '  for (const item of items) {\n    // skip negatives: they mark deleted rows\n    if (item < 0) continue;\n    total += item * 2;\n  }\n',
    `  return total + ${i};\n}\n`,
    '```\n\n',
    `- point one about step ${i}\n- point two, with \`code\`\n\n`,
  ].join('');
}

let answer = '';
for (let i = 0; answer.length < TARGET_TOKENS * CHARS_PER_TOKEN; i++) answer += section(i);

const deltas: string[] = [];
for (let i = 0; i < answer.length; i += DELTA_CHARS) deltas.push(answer.slice(i, i + DELTA_CHARS));

function stream(): Float64Array {
const r = new IncrementalMarkdown();
const perDelta = new Float64Array(deltas.length);
let pending = '';
for (let i = 0; i < deltas.length; i++) {
  const t0 = performance.now();
  pending += deltas[i];
  // The webview batches deltas per animation frame: one push (append + tail render) per frame.
  if ((i + 1) % DELTAS_PER_FRAME === 0 || i === deltas.length - 1) {
    r.push(pending);
    pending = '';
  }
  perDelta[i] = performance.now() - t0;
}
return perDelta;
}

stream(); // warm-up: let the JIT settle so the first tenth is not charged for compilation
const perDelta = stream();

const tenth = Math.floor(deltas.length / 10);
const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
const p95 = (a: Float64Array) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)];
const first = perDelta.slice(0, tenth);
const last = perDelta.slice(-tenth);
const t0 = performance.now();
renderMarkdown(answer);
const fullOnce = performance.now() - t0;

console.log(`conditions (after one warm-up pass): node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, answer ${answer.length} chars (~${Math.round(answer.length / CHARS_PER_TOKEN)} tokens), ${deltas.length} deltas of ${DELTA_CHARS} chars, one render per ${DELTAS_PER_FRAME} deltas, markdown-it + highlight.js (typescript)`);
console.log(`first 10%: mean ${(mean(first) * 1000).toFixed(1)} µs/delta, p95 ${(p95(first) * 1000).toFixed(1)} µs`);
console.log(`last 10%:  mean ${(mean(last) * 1000).toFixed(1)} µs/delta, p95 ${(p95(last) * 1000).toFixed(1)} µs`);
console.log(`ratio last/first (mean): ${(mean(last) / mean(first)).toFixed(2)}`);
console.log(`total incremental: ${perDelta.reduce((s, x) => s + x, 0).toFixed(0)} ms; one full render of the final answer: ${fullOnce.toFixed(1)} ms`);
console.log(`for scale, re-rendering the whole answer per frame at the end would cost ~${fullOnce.toFixed(1)} ms per frame`);
