/**
 * The streaming renderer's workload: a long, code-heavy answer (~20,000 tokens) pushed through IncrementalMarkdown
 * in small deltas, one render per "frame" of a few deltas as the webview does. Shared by `npm run bench:render`
 * (its detailed print-out) and `npm run bench:perf` (the ratio and the longest frame, per round).
 */
import { IncrementalMarkdown } from '../../src/webview/panel/incremental';

export const TARGET_TOKENS = 20_000;
export const CHARS_PER_TOKEN = 4;
export const DELTA_CHARS = 12; // a few tokens, as providers send them
export const DELTAS_PER_FRAME = 4; // 3 columns streaming at ~60 tokens/s each land a handful of deltas per 16 ms frame

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

export function longAnswer(): string {
  let answer = '';
  for (let i = 0; answer.length < TARGET_TOKENS * CHARS_PER_TOKEN; i++) answer += section(i);
  return answer;
}

export function toDeltas(answer: string): string[] {
  const deltas: string[] = [];
  for (let i = 0; i < answer.length; i += DELTA_CHARS) deltas.push(answer.slice(i, i + DELTA_CHARS));
  return deltas;
}

export interface RenderPass {
  /** Time charged to each delta (ms): its append, plus the frame's render for the delta that closes a frame. */
  perDelta: Float64Array;
  /** Duration of each frame's push (ms, wall clock). */
  perFrame: number[];
  /** CPU time of each frame's push (ms, this process's CPU clock: not inflated when a busy machine preempts us). */
  perFrameCpu: number[];
}

export function renderPass(deltas: readonly string[]): RenderPass {
  const r = new IncrementalMarkdown();
  const perDelta = new Float64Array(deltas.length);
  const perFrame: number[] = [];
  const perFrameCpu: number[] = [];
  let pending = '';
  for (let i = 0; i < deltas.length; i++) {
    const t0 = performance.now();
    pending += deltas[i];
    // The webview batches deltas per animation frame: one push (append + tail render) per frame.
    if ((i + 1) % DELTAS_PER_FRAME === 0 || i === deltas.length - 1) {
      const f0 = performance.now();
      const c0 = process.cpuUsage();
      r.push(pending);
      pending = '';
      const cpu = process.cpuUsage(c0);
      perFrame.push(performance.now() - f0);
      perFrameCpu.push((cpu.user + cpu.system) / 1000);
    }
    perDelta[i] = performance.now() - t0;
  }
  return { perDelta, perFrame, perFrameCpu };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Cost of a frame over the last `tokens` ÷ over the first `tokens` of the answer: flat (≈ 1) = linear overall.
 * Medians of the frames in each window, so one preemption of this process by a busy machine does not decide it.
 */
export function tailRatio(pass: RenderPass, tokens = 1_000): number {
  const frames = Math.max(1, Math.round((tokens * CHARS_PER_TOKEN) / DELTA_CHARS / DELTAS_PER_FRAME));
  return median(pass.perFrame.slice(-frames)) / median(pass.perFrame.slice(0, frames));
}

/** The longest frame on the wall clock, and on the CPU clock (what the renderer itself cost). */
export function longestFrame(pass: RenderPass): { wallMs: number; cpuMs: number } {
  return { wallMs: Math.max(...pass.perFrame), cpuMs: Math.max(...pass.perFrameCpu) };
}
