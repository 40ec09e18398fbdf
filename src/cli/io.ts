/** What a CLI command needs from the process; injected so tests run commands in-process and read their output. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Aborts on Ctrl+C. */
  signal?: AbortSignal;
}
