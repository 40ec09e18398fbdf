/**
 * Blind judging in VS Code: the vote store (workspace or global, per `llmCompare.votes.scope`), the leaderboard
 * tab, and the export / reset commands. The panel records votes through the store it is given.
 */
import * as vscode from 'vscode';
import { leaderboardToCsv, votesToCsv, votesToJson } from '../../core/judge/export';
import { buildLeaderboard } from '../../core/judge/leaderboard';
import { filterVotes, type VoteFilter } from '../../core/judge/votes';
import type { VotesScope } from '../../shared/leaderboard-protocol';
import type { Services } from '../services';
import { LeaderboardView } from './leaderboard-view';
import { VoteStore } from './store';

export const JudgeCommands = {
  showLeaderboard: 'llmCompare.showLeaderboard',
  exportVotes: 'llmCompare.exportVotes',
  resetVotes: 'llmCompare.resetVotes',
} as const;

const CONFIG = 'llmCompare.votes';

export interface Judging {
  disposable: vscode.Disposable;
  votes: VoteStore;
  keepPrompts(): boolean;
  openLeaderboard(): void;
}

export function registerJudging(services: Services): Judging {
  const { context } = services;
  const scope = (): VotesScope => (vscode.workspace.getConfiguration(CONFIG).get<string>('scope') === 'global' ? 'global' : 'workspace');
  const votes = new VoteStore(() => (scope() === 'global' ? context.globalState : context.workspaceState));
  const keepPrompts = () => vscode.workspace.getConfiguration(CONFIG).get<boolean>('keepPrompts') !== false;

  const exportVotes = async (format?: 'json' | 'csv', filter: VoteFilter = {}): Promise<void> => {
    const chosen = format ?? (await vscode.window.showQuickPick(['json', 'csv'] as const, { title: 'Export votes as' }));
    if (!chosen) return;
    const shown = filterVotes(votes.all(), filter);
    if (shown.length === 0) return void vscode.window.showInformationMessage('There are no votes to export yet.');
    const uri = await vscode.window.showSaveDialog({ title: 'Export votes', saveLabel: 'Export', filters: chosen === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] }, defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? context.globalStorageUri, `llm-compare-votes.${chosen}`) });
    if (!uri) return;
    // CSV: one row per model per vote, then the leaderboard of the same votes in a second file beside it.
    const text = chosen === 'json' ? votesToJson(shown) : votesToCsv(shown);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    if (chosen === 'csv') await vscode.workspace.fs.writeFile(uri.with({ path: uri.path.replace(/\.csv$/i, '') + '.leaderboard.csv' }), Buffer.from(leaderboardToCsv(buildLeaderboard(shown)), 'utf8'));
    void vscode.window.showInformationMessage(`Exported ${shown.length} vote(s) to ${uri.fsPath}.`);
  };

  const resetVotes = async (): Promise<void> => {
    const n = votes.all().length;
    if (n === 0) return void vscode.window.showInformationMessage('There are no votes to reset.');
    const where = scope() === 'global' ? 'in every workspace (global votes)' : 'of this workspace';
    const choice = await vscode.window.showWarningMessage(`Delete all ${n} vote(s) ${where}? This cannot be undone; export them first to keep a copy.`, { modal: true }, 'Delete votes');
    if (choice === 'Delete votes') await votes.reset();
  };

  const view = new LeaderboardView(context.extensionUri, votes, scope, { export: exportVotes, reset: resetVotes });
  const disposable = vscode.Disposable.from(
    view,
    vscode.commands.registerCommand(JudgeCommands.showLeaderboard, () => view.open()),
    vscode.commands.registerCommand(JudgeCommands.exportVotes, () => exportVotes()),
    vscode.commands.registerCommand(JudgeCommands.resetVotes, resetVotes),
  );
  return { disposable, votes, keepPrompts, openLeaderboard: () => view.open() };
}
