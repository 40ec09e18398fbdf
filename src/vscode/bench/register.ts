// PLACEHOLDER until the benchmark's VS Code part lands: owned by the benchmark work (issue 5).
import * as vscode from 'vscode';
import type { Services } from '../services';

export function registerBenchmark(_services: Services): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
