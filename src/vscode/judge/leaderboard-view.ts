/**
 * "LLM Compare: Leaderboard", an editor tab: the core's leaderboard over the stored votes, redrawn whenever a vote
 * is added or the votes are reset. Export and reset live here and in the command palette.
 */
import * as vscode from 'vscode';
import { buildLeaderboard } from '../../core/judge/leaderboard';
import { filterVotes, type VoteFilter } from '../../core/judge/votes';
import { parseFromLeaderboard, type ToLeaderboard, type VotesScope } from '../../shared/leaderboard-protocol';
import { buildWebviewHtml, webviewOptions } from '../webview-html';
import type { VoteStore } from './store';

export const LEADERBOARD_VIEW_TYPE = 'llmCompare.leaderboard';

export class LeaderboardView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private filter: VoteFilter = {};
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly votes: VoteStore,
    private readonly scope: () => VotesScope,
    private readonly actions: { export(format: 'json' | 'csv', filter: VoteFilter): Promise<void>; reset(): Promise<void> },
  ) {
    this.subscription = votes.onDidChange(() => this.post());
  }

  open(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(LEADERBOARD_VIEW_TYPE, 'LLM Compare: Leaderboard', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    panel.webview.html = buildWebviewHtml(panel.webview, this.extensionUri, { script: 'leaderboard.js', style: 'leaderboard.css', title: 'Leaderboard', body: '<main id="app"></main>' });
    const sub = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const m = parseFromLeaderboard(raw);
      if (!m) return;
      if (m.type === 'ready') this.post();
      else if (m.type === 'filter') {
        this.filter = m.filter;
        this.post();
      } else if (m.type === 'export') void this.actions.export(m.format, this.filter);
      else void this.actions.reset();
    });
    panel.onDidDispose(() => {
      sub.dispose();
      this.panel = undefined;
    });
    this.panel = panel;
  }

  private post(): void {
    if (!this.panel) return;
    const all = this.votes.all();
    const shown = filterVotes(all, this.filter);
    const languages = [...new Set(all.map((v) => v.language).filter((l): l is string => l !== null))].sort();
    const message: ToLeaderboard = { type: 'board', board: buildLeaderboard(shown), filter: this.filter, languages, scope: this.scope(), stored: all.length };
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}
