/**
 * Generations and explanations in flight. Each can be stopped from its progress notification; "Stop generating"
 * stops them all (handy from the keyboard, and the way tests cancel without clicking).
 */
import * as vscode from 'vscode';
import { CONTEXT_GENERATING, Commands } from './ids';
import { toAbortSignal } from './ui';

export class RunningRequests implements vscode.Disposable {
  private readonly running = new Set<vscode.CancellationTokenSource>();
  private readonly command = vscode.commands.registerCommand(Commands.stopGeneration, () => this.stopAll());

  /** An AbortSignal that fires when `token` (the progress notification's Cancel) or "Stop generating" fires. */
  start(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
    const source = new vscode.CancellationTokenSource();
    const link = token.onCancellationRequested(() => source.cancel());
    if (token.isCancellationRequested) source.cancel();
    this.running.add(source);
    this.updateContext();
    const abort = toAbortSignal(source.token);
    return {
      signal: abort.signal,
      dispose: () => {
        abort.dispose();
        link.dispose();
        source.dispose();
        this.running.delete(source);
        this.updateContext();
      },
    };
  }

  /** Returns how many requests were stopped. */
  stopAll(): number {
    const n = this.running.size;
    this.running.forEach((s) => s.cancel());
    return n;
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_GENERATING, this.running.size > 0);
  }

  dispose(): void {
    this.stopAll();
    this.command.dispose();
  }
}
