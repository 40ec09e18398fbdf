/** The figures of issue 12, their targets, and what each measures (printed beside the value and kept in perf.json). */
export type FigureKey =
  | 'extensionJsBytes'
  | 'extensionTotalJsBytes'
  | 'vsixBytes'
  | 'activationMs'
  | 'perTokenUsHf'
  | 'perTokenUsOllama'
  | 'burstThroughputRatio'
  | 'ttftOverheadMsMedian'
  | 'concurrencyRatio'
  | 'firstRequestTtftErrorMs'
  | 'cliStartRatio'
  | 'renderRatio'
  | 'longestFrameMs';

interface Figure {
  target: string;
  /** Absent: reported beside the others, with no target of its own. */
  met?(value: number): boolean;
  how: string;
}

export const FIGURES: Record<FigureKey, Figure> = {
  extensionJsBytes: { target: '≤ 250 KB', met: (v) => v <= 250_000, how: 'dist/extension.js bytes after npm run package (production build)' },
  extensionTotalJsBytes: {
    target: 'reported',
    how: 'all extension-host JS shipped: dist/extension.js + dist/features.js, which the shell requires on the first use of any feature',
  },
  vsixBytes: { target: '≤ 300 KB', met: (v) => v <= 300_000, how: 'dist/llm-compare.vsix bytes (npm run package)' },
  activationMs: {
    target: '≤ 10 ms',
    met: (v) => v <= 10,
    how: 'require(dist/extension.js) + activate(), fresh node per sample with the built-ins an extension host has loaded, stand-in vscode module (a harness, not VS Code)',
  },
  perTokenUsHf: { target: '≤ 5 µs', met: (v) => v <= 5, how: 'CPU µs/token, ours − raw @huggingface/inference, burst of 2,000 tokens ×3 per round, simulator in another process' },
  perTokenUsOllama: { target: '≤ 3 µs', met: (v) => v <= 3, how: 'CPU µs/token, ours − raw ollama client, same burst' },
  burstThroughputRatio: { target: '≥ 0.9', met: (v) => v >= 0.9, how: 'tokens/s ours ÷ raw client in the burst, worse of the two providers' },
  ttftOverheadMsMedian: { target: '≤ 2 ms', met: (v) => v <= 2, how: 'time to first token ours − raw client, paced stream, worse of the two providers' },
  concurrencyRatio: { target: '≤ 1.05', met: (v) => v <= 1.05, how: '3 paced models in one comparison ÷ the slowest alone (wall time)' },
  firstRequestTtftErrorMs: {
    target: '|x| ≤ 5 ms',
    met: (v) => Math.abs(v) <= 5,
    how: 'fresh `llm-compare compare` process: reported TTFT − the Ollama simulator\'s own request→first-token time',
  },
  cliStartRatio: { target: '≤ 1.2', met: (v) => v <= 1.2, how: '`node dist/cli.js --version` ÷ `node -e 0`, wall time to exit, 3 pairs per round' },
  renderRatio: { target: '≤ 1.5', met: (v) => v <= 1.5, how: 'renderer cost per frame (median), last 1k ÷ first 1k tokens of a 20k-token answer' },
  longestFrameMs: { target: '≤ 50 ms', met: (v) => v <= 50, how: 'longest frame (one push) of that answer on the CPU clock, median over rounds (wall clock beside it in the samples)' },
};
