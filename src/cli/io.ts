/** What a CLI command needs from the process; injected so tests run commands in-process and read their output. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Aborts on Ctrl+C. */
  signal?: AbortSignal;
  /**
   * Asks the person at the terminal a question and resolves their answer (null when they pressed Ctrl+C or closed
   * the input). Present only when stdin is a terminal: without it, nothing may wait for an answer.
   */
  ask?: (question: string) => Promise<string | null>;
}
