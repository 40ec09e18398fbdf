/**
 * "Generate code": a description (recents remembered) → the default or a picked model → code streamed into the
 * editor at the cursor (replacing the selection), prose and fences stripped. The full answer stays available.
 * Cancel on the progress notification aborts the request, which closes the server's stream.
 */
import * as vscode from 'vscode';
import { startComparison } from '../../core/compare/run';
import type { SlotResult } from '../../core/compare/types';
import { StreamingCodeExtractor } from '../../core/code-extract';
import { buildGenerateMessages } from '../../core/generate-prompt';
import { checkInput, inputBudgetChars } from '../../core/prompt-input';
import { toLlmError } from '../../core/providers/errors';
import { showProblem } from '../errors';
import { hasInvisibles } from '../../core/invisible';
import { confirmInvisibles } from '../invisible-guard';
import { Commands } from '../ids';
import type { Services } from '../services';
import type { RunningRequests } from '../running';
import type { Ui } from '../ui';
import { adoptLanguage, codeContextOf } from './context';
import { EditorStream } from './editor-stream';
import { askDescription, RecentDescriptions } from './recents';

/** Command arguments (keybindings, tests): skip the prompts that these answer. */
export interface GenerateArgs {
  description?: string;
  modelId?: string;
}

export interface GenerateOutcome {
  status: 'inserted' | 'cancelled' | 'failed' | 'dismissed';
  /** The code put into the editor. */
  code: string;
  /** The model's whole answer, prose included. */
  answer: string;
  error?: string;
  documentUri?: string;
}

export function registerGenerateCode(services: Services, ui: Ui, running: RunningRequests): vscode.Disposable {
  const recents = new RecentDescriptions(services.context.globalState);
  const run = (pickModel: boolean) => (args?: GenerateArgs) => generateCode(services, ui, running, recents, pickModel, args ?? {});
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.generateCode, run(false)),
    vscode.commands.registerCommand(Commands.generateCodeWithModel, run(true)),
  );
}

const dismissed: GenerateOutcome = { status: 'dismissed', code: '', answer: '' };

async function generateCode(services: Services, ui: Ui, running: RunningRequests, recents: RecentDescriptions, pickModel: boolean, args: GenerateArgs): Promise<GenerateOutcome> {
  let model;
  try {
    const registry = await services.getRegistry();
    let modelId = args.modelId ?? services.getSettings().defaultModel;
    if (pickModel && !args.modelId) {
      const items = registry.slots().map((s) => ({ label: s.label, description: `${s.provider} · ${s.model}`, id: s.id }));
      const picked = await ui.pick(items, { title: 'Generate code with…', placeHolder: 'Pick the model' });
      if (!picked) return dismissed;
      modelId = picked.id;
    }
    model = registry.get(modelId);
  } catch (e) {
    void showProblem(ui, 'Generate code', toLlmError(e));
    return { ...dismissed, status: 'failed', error: toLlmError(e).message };
  }
  const description = args.description ?? (await askDescription(ui, recents, model.slot.label));
  if (!description) return dismissed;
  await recents.remember(description);

  const editor = vscode.window.activeTextEditor ?? (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' })));
  const { context, range } = codeContextOf(editor);
  // The answer replaces the selection: a selection too large to send whole (or binary) is refused rather than cut,
  // so no code is replaced by an answer written from part of it. The lines around it are only context: cut them.
  const budget = inputBudgetChars([model.slot], services.getSettings().engine);
  if (context.selection) {
    const checked = checkInput(context.selection, 'the selection', budget);
    if (!checked.ok || checked.warning) {
      const why = !checked.ok ? checked.reason : `The selection has ${context.selection.length.toLocaleString('en-US')} characters, more than ${model.slot.label} can take with its answer (about ${budget.toLocaleString('en-US')}). Select less code.`;
      void ui.message('warning', why);
      return { ...dismissed, status: 'failed', error: why };
    }
  }
  context.before = context.before.slice(-Math.floor(budget / 4));
  context.after = context.after.slice(0, Math.floor(budget / 4));
  const messages = buildGenerateMessages(description, context);
  const { slot } = model;
  const log = services.log;
  log.info(`generate: → ${slot.id} (${slot.provider} ${slot.model}), ${context.languageId}, ${context.selection ? 'replacing the selection' : 'at the cursor'}, ${messages.reduce((n, m) => n + m.content.length, 0)} chars sent`);

  const extractor = new StreamingCodeExtractor();
  let holding = false;
  const stream = new EditorStream(editor, range);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `LLM Compare: generating with ${slot.label}`, cancellable: true },
    async (progress, token): Promise<SlotResult> => {
      const abort = running.start(token);
      try {
        const run = startComparison({ prompt: messages, models: [model], signal: abort.signal });
        let lines = 0;
        for await (const ev of run.events) {
          if (ev.type === 'status') {
            const wait = ev.retryInMs ? ` (retry in ${Math.ceil(ev.retryInMs / 1000)} s)` : '';
            progress.report({ message: ev.phase === 'waiting' ? `model loading${wait}…` : `${ev.phase}…` });
          } else if (ev.type === 'delta') {
            const code = extractor.push(ev.text);
            // From the first invisible character on (a bidi override…), nothing more goes into the editor until the
            // user has seen the warning at the end.
            if (code && !holding && hasInvisibles(code)) {
              holding = true;
              progress.report({ message: 'invisible characters in the code: it will ask before inserting…' });
            }
            if (code && !holding) {
              if (editor.document.isUntitled && extractor.tag && stream.document.languageId === 'plaintext') void adoptLanguage(editor.document, extractor.tag);
              stream.append(code);
              lines += code.split('\n').length - 1;
              progress.report({ message: `${lines} lines…` });
            }
          }
        }
        return (await run.done).results[0];
      } finally {
        abort.dispose();
      }
    },
  );

  const end = extractor.finish();
  let declined = false;
  if (!result.error || result.error.kind === 'cancelled') {
    if (holding || hasInvisibles(end.code)) {
      declined = !(await confirmInvisibles(ui, end.code));
      if (declined) stream.discard();
      else stream.replaceAll(end.code);
    } else if (end.append === null) stream.replaceAll(end.code);
    else stream.append(end.append);
  }
  const inserted = await stream.close();
  const code = stream.ok ? editor.document.getText(inserted) : '';
  const m = result.metrics;
  log.info(`generate: ← ${slot.id} ${result.error ? result.error.kind : 'ok'} in ${m.totalMs ?? '?'} ms (first token ${m.ttftMs ?? '?'} ms), ${result.text.length} chars answered, ${code.length} chars of code inserted`);
  log.debug(`generate: full answer from ${slot.id}:\n${result.text}`);
  const outcome: GenerateOutcome = { status: 'inserted', code, answer: result.text, documentUri: editor.document.uri.toString() };

  if (declined) {
    void showAnswer(ui, result.text, `Not inserted: the code from ${slot.label} contains invisible characters.`);
    return { ...outcome, code: '', status: 'dismissed', error: 'invisible characters: not inserted' };
  }
  if (result.error?.kind === 'cancelled') {
    void ui.message('info', `Generation cancelled; ${code.length ? 'the code received so far was kept (undo removes it).' : 'nothing was inserted.'}`);
    return { ...outcome, status: 'cancelled' };
  }
  if (result.error) {
    void showProblem(ui, `Generate code (${slot.label})`, result.error, () => generateCode(services, ui, running, recents, false, { description, modelId: slot.id }));
    return { ...outcome, status: 'failed', error: result.error.message };
  }
  if (!stream.ok || code.trim() === '') {
    void showAnswer(ui, result.text, stream.ok ? `${slot.label} answered without code.` : 'The editor went away; the answer is kept.');
    return { ...outcome, status: 'failed', error: 'no code inserted' };
  }
  void ui.message('info', `Inserted ${code.split('\n').length} lines from ${slot.label} in ${((m.totalMs ?? 0) / 1000).toFixed(1)} s.`, 'Show full answer').then((c) => {
    if (c === 'Show full answer') void openAnswer(result.text);
  });
  return outcome;
}

async function showAnswer(ui: Ui, answer: string, why: string): Promise<void> {
  if ((await ui.message('warning', why, 'Show full answer')) === 'Show full answer') await openAnswer(answer);
}

async function openAnswer(answer: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
