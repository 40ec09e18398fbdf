/**
 * Entry point: the activation shell. It registers what VS Code must find at once (every contributed command, the
 * views, the restorable tabs, our chat models) as stand-ins that load the features (src/vscode/features.ts, bundled
 * as dist/features.js) on first use. Activating therefore parses and runs this small bundle only (issue 12).
 */
import * as vscode from 'vscode';
import { LazyFeatures } from './vscode/shell/lazy-features';
import type { LlmCompareTestApi } from './vscode/test-api';

export function activate(context: vscode.ExtensionContext): LlmCompareTestApi | undefined {
  const features = new LazyFeatures(context);
  context.subscriptions.push(features);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  return features.testApi();
}

export function deactivate(): void {}
