/**
 * "Explain selection" (default model) and "… with all models": the selected code with its language goes to the
 * comparison panel. While the panel is not available (it registers `llmCompare.openPanel`), the explanation
 * streams into a read-only markdown document beside the code instead, one section per model.
 */
import { fenceFor } from '../../core/fences';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startComparison } from '../../core/compare/run';
import type { SlotResult } from '../../core/compare/types';
import { toLlmError } from '../../core/providers/errors';
import { checkInput, inputBudgetChars } from '../../core/prompt-input';
import type { ChatMessage } from '../../core/providers/types';
import { showProblem } from '../errors';
import { Commands } from '../ids';
import type { ComparePanelApi, PanelRunRequest } from '../panel/api';
import type { Services } from '../services';
import type { RunningRequests } from '../running';
import type { Ui } from '../ui';
import { ExplainDocuments } from './documents';

export interface ExplainOutcome {
  via: 'panel' | 'document' | 'none';
  request?: PanelRunRequest;
  /** For the document: its URI and final text. */
  uri?: string;
  text?: string;
}

/** Resolves the panel to hand explanations to, or undefined to explain standalone. */
export type PanelResolver = () => Promise<ComparePanelApi | undefined>;

export function registerExplain(services: Services, ui: Ui, panel: PanelResolver, running: RunningRequests): vscode.Disposable {
  const docs = new ExplainDocuments();
  const explain = (all: boolean) => () => explainSelection(services, ui, panel, docs, running, all);
  return vscode.Disposable.from(
    docs,
    vscode.commands.registerCommand(Commands.explainSelection, explain(false)),
    vscode.commands.registerCommand(Commands.explainSelectionAllModels, explain(true)),
  );
}

function explainMessages(languageId: string, code: string): ChatMessage[] {
  const fence = fenceFor(code);
  return [
    { role: 'system', content: 'You explain code to a developer: what it does, how, and anything surprising or risky. Be concise; use markdown.' },
    { role: 'user', content: `Explain this ${languageId} code:\n${fence}${languageId}\n${code}\n${fence}` },
  ];
}

async function explainSelection(services: Services, ui: Ui, resolvePanel: PanelResolver, docs: ExplainDocuments, running: RunningRequests, all: boolean): Promise<ExplainOutcome> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor?.document.getText(editor.selection) ?? '';
  if (!editor || selected.trim() === '') {
    void ui.message('info', 'Select some code to explain first.');
    return { via: 'none' };
  }
  const doc = editor.document;
  const name = doc.isUntitled ? 'untitled' : path.basename(doc.fileName);
  const lines = `${editor.selection.start.line + 1}–${editor.selection.end.line + 1}`;
  let modelIds: string[] | undefined;
  let code: string;
  try {
    const settings = services.getSettings();
    modelIds = all ? undefined : [settings.defaultModel];
    // A huge or binary selection is cut to what the models can take (with a warning) or refused.
    const checked = checkInput(selected, 'the selection', inputBudgetChars(settings.models.filter((m) => !modelIds || modelIds.includes(m.id)), settings.engine));
    if (!checked.ok) {
      void ui.message('warning', checked.reason);
      return { via: 'none' };
    }
    if (checked.warning) void ui.message('warning', checked.warning);
    code = checked.text;
  } catch (e) {
    void showProblem(ui, 'Explain selection', toLlmError(e));
    return { via: 'none' };
  }
  const request: PanelRunRequest = {
    kind: 'explain',
    prompt: `Explain ${name}:${lines} (${doc.languageId})`,
    messages: explainMessages(doc.languageId, code),
    modelIds,
  };
  const panel = await resolvePanel();
  if (panel) {
    services.log.info(`explain: ${request.prompt} → panel (${modelIds?.join(', ') ?? 'all models'})`);
    await panel.run(request);
    return { via: 'panel', request };
  }
  return explainInDocument(services, ui, docs, running, request, `${name}-${lines}`);
}

async function explainInDocument(services: Services, ui: Ui, docs: ExplainDocuments, running: RunningRequests, request: PanelRunRequest, title: string): Promise<ExplainOutcome> {
  let models;
  try {
    models = (await services.getRegistry()).select(request.modelIds);
  } catch (e) {
    void showProblem(ui, 'Explain selection', toLlmError(e));
    return { via: 'none', request };
  }
  const texts = new Map(models.map((m) => [m.slot.id, '']));
  const results = new Map<string, SlotResult>();
  const render = () =>
    `# ${request.prompt}\n\n` +
    models.map(({ slot }) => `## ${slot.label}\n\n${texts.get(slot.id) || '_waiting…_'}\n\n${footer(results.get(slot.id))}`).join('\n');
  const uri = docs.create(title, render());
  const shown = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  services.log.info(`explain: ${request.prompt} → ${models.map((m) => m.slot.id).join(', ')} (standalone document)`);

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LLM Compare: explaining', cancellable: true },
    async (progress, token) => {
      const abort = running.start(token);
      try {
        const run = startComparison({ prompt: request.messages ?? request.prompt, models, signal: abort.signal });
        for await (const ev of run.events) {
          if (ev.type === 'delta') texts.set(ev.slotId, (texts.get(ev.slotId) ?? '') + ev.text);
          else if (ev.type === 'done') results.set(ev.slotId, ev.result);
          else if (ev.type === 'reasoning') progress.report({ message: 'thinking…' });
          else progress.report({ message: `${ev.phase}…` });
          docs.update(uri, render());
        }
        await run.done;
      } finally {
        abort.dispose();
      }
    },
  );
  const text = render();
  docs.update(uri, text, true);
  for (const r of results.values()) {
    services.log.info(`explain: ← ${r.id} ${r.error ? r.error.kind : 'ok'} in ${r.metrics.totalMs ?? '?'} ms, ${r.text.length} chars`);
    if (r.error && r.error.kind !== 'cancelled') void showProblem(ui, `Explain selection (${r.label})`, r.error);
  }
  return { via: 'document', request, uri: uri.toString(), text };
}

function footer(r: SlotResult | undefined): string {
  if (!r) return '';
  if (r.error) return `> **${r.error.kind === 'cancelled' ? 'Stopped' : 'Failed'}:** ${r.error.message}\n`;
  const secs = r.metrics.totalMs !== null ? `${(r.metrics.totalMs / 1000).toFixed(1)} s` : '';
  const tokens = r.metrics.outputTokens !== null ? ` · ${r.metrics.outputTokens} tokens` : '';
  return `_${r.model} · ${secs}${tokens}_\n`;
}
