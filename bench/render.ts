/**
 * How the streaming renderer's cost per delta changes as an answer grows. Streams a long, code-heavy answer
 * (~20,000 tokens) through IncrementalMarkdown in small deltas, rendering the tail once per "frame" of N deltas as
 * the webview does, and prints the time per delta for the first and last tenth. Flat = linear overall.
 * Figures only: nothing is asserted. (`npm run bench:perf` takes its render figures from the same workload.)
 */
import { cpus } from 'node:os';
import { renderMarkdown } from '../src/webview/panel/markdown';
import { CHARS_PER_TOKEN, DELTA_CHARS, DELTAS_PER_FRAME, longAnswer, longestFrame, renderPass, toDeltas } from './perf/render';

const answer = longAnswer();
const deltas = toDeltas(answer);

renderPass(deltas); // warm-up: let the JIT settle so the first tenth is not charged for compilation
const pass = renderPass(deltas);
const perDelta = pass.perDelta;

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
console.log(`ratio last/first (mean): ${(mean(last) / mean(first)).toFixed(2)}; longest frame ${longestFrame(pass).wallMs.toFixed(1)} ms (CPU ${longestFrame(pass).cpuMs.toFixed(1)} ms)`);
console.log(`total incremental: ${perDelta.reduce((s, x) => s + x, 0).toFixed(0)} ms; one full render of the final answer: ${fullOnce.toFixed(1)} ms`);
console.log(`for scale, re-rendering the whole answer per frame at the end would cost ~${fullOnce.toFixed(1)} ms per frame`);
