/** Ids the benchmark feature shares with package.json, declared once (like the panel, it keeps its own). */

export const BenchCommands = {
  run: 'llmCompare.runBenchmark',
  stop: 'llmCompare.stopBenchmark',
  openReport: 'llmCompare.openBenchmarkReport',
  exportReport: 'llmCompare.exportBenchmarkReport',
} as const;

/** The report view's webview panel type. */
export const BENCH_REPORT_VIEW_TYPE = 'llmCompare.benchReport';

/** Context key: true while a benchmark runs (enables "Stop benchmark"). */
export const CONTEXT_BENCHMARKING = 'llmCompare.benchmarking';

/** globalState key of the index of kept reports (newest last); the reports themselves are files. */
export const STATE_BENCH_REPORTS = 'llmCompare.bench.reports';

/** How many finished reports are kept in global storage. */
export const KEEP_REPORTS = 10;
