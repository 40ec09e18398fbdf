/**
 * The comparison panel: a webview view in its own activity-bar container, the same UI in an editor tab for more
 * room, and the commands around them. Returns one disposable and the API other features use to start runs.
 */
import { inputBudgetChars } from '../../core/prompt-input';
import * as vscode from 'vscode';
import type { FixAction } from '../../core/providers/errors';
import { runFixAction } from '../errors';
import type { LanguageModels } from '../lm/register';
import { confirmInvisibles } from '../invisible-guard';
import type { SurfaceHost } from '../host';
import type { Services } from '../services';
import type { Ui } from '../ui';
import type { Judging } from '../judge/register';
import { EngineCommands } from '../engine/ids';
import type { BuiltInEngineFeature } from '../engine/register';
import type { ComparePanelApi, PanelRunRequest } from './api';
import { CompareController, type PanelHost } from './controller';
import { EditorBridge, openExternalLink } from './editor';
import { buildPanelHtml, webviewOptions } from './html';
import { COMPARE_PANEL_TYPE, COMPARE_VIEW_ID, PanelCommands } from './ids';
import { WebviewPort } from './port';
import { promptWithContext } from './run-state';

export function registerComparePanel(
  services: Services,
  ui: Ui,
  judging: Pick<Judging, 'votes' | 'keepPrompts' | 'openLeaderboard'>,
  chatModels: LanguageModels,
  engine: Pick<BuiltInEngineFeature, 'offer' | 'onDidChangeOffer'>,
  surfaces: SurfaceHost,
): { disposable: vscode.Disposable; api: ComparePanelApi } {
  const { extensionUri } = services.context;
  const editor = new EditorBridge();
  let tab: vscode.WebviewPanel | undefined;

  const host: PanelHost = {
    editor,
    fix: (fix: Exclude<FixAction, 'retry'>, column) => runFixAction(fix, column.message, column.id),
    openLink: (href) => void openExternalLink(ui, href),
    openInTab: () => openTab(),
    confirmInsert: (code) => confirmInvisibles(ui, code),
    votes: judging.votes,
    keepPrompts: judging.keepPrompts,
    openLeaderboard: judging.openLeaderboard,
    engineOffer: () => engine.offer(),
    setUpEngine: () => void vscode.commands.executeCommand(EngineCommands.setUp),
  };
  const controller = new CompareController(services, host, chatModels);

  /** Connects one webview to the controller; the returned disposable detaches it. */
  const attach = (
    webview: vscode.Webview,
    surface: 'view' | 'tab',
    onDidChangeVisibility: vscode.Event<void>,
    isVisible: () => boolean,
  ): vscode.Disposable => {
    webview.options = webviewOptions(extensionUri);
    const port = new WebviewPort(
      webview,
      (message, p) => void controller.handle(message, p).catch((e: unknown) => services.log.error('panel: handling a webview message failed', e)),
      (raw) => services.log.warn(`panel: ignored an invalid webview message (${typeof raw})`),
    );
    const detach = controller.addPort(port);
    const visibility = onDidChangeVisibility(() => {
      if (!isVisible()) port.markGone();
    });
    webview.html = buildPanelHtml(webview, extensionUri, surface);
    return vscode.Disposable.from(visibility, detach, port);
  };

  /** Connects the editor tab, new or revived after a window reload, to the controller. */
  const adoptTab = (panel: vscode.WebviewPanel): void => {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    const link = attach(panel.webview, 'tab', (l) => panel.onDidChangeViewState(() => l()), () => panel.visible);
    tab = panel;
    panel.onDidDispose(() => {
      link.dispose();
      tab = undefined;
    });
  };

  const openTab = (): void => {
    if (tab) return tab.reveal();
    adoptTab(vscode.window.createWebviewPanel(COMPARE_PANEL_TYPE, 'LLM Compare', vscode.ViewColumn.Active, webviewOptions(extensionUri)));
  };

  // Without a serializer a reload leaves an empty tab behind. The webview's own state is not needed: the run comes
  // from the controller's snapshot on `ready`, as it does for the side bar.
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel) {
      if (tab) panel.dispose(); // only one comparison tab at a time
      else adoptTab(panel);
    },
  };

  const reveal = async (): Promise<void> => {
    if (tab) return tab.reveal(undefined, true);
    await vscode.commands.executeCommand(`${COMPARE_VIEW_ID}.focus`);
  };

  const api: ComparePanelApi = {
    reveal,
    async run(request: PanelRunRequest) {
      await reveal();
      const messages = request.messages ?? [{ role: 'user' as const, content: request.prompt }];
      await controller.start({ prompt: request.prompt, messages, modelIds: request.modelIds, mode: controller.prefs.mode });
    },
  };

  const viewProvider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      const link = attach(view.webview, 'view', view.onDidChangeVisibility, () => view.visible);
      view.onDidDispose(() => link.dispose());
    },
  };

  const compareSelection = async (): Promise<void> => {
    const ctx = editor.context(inputBudgetChars(services.getSettings().models, services.getSettings().engine));
    if (!ctx) return void vscode.window.showInformationMessage('Select some code (or open a file) to compare the models on.');
    if ('skipped' in ctx) return void vscode.window.showWarningMessage(ctx.skipped);
    if (ctx.warning) void vscode.window.showWarningMessage(ctx.warning);
    const prompt = await vscode.window.showInputBox({
      title: 'Compare models on the selection',
      prompt: `Asked of every configured model, with ${ctx.where} as context.`,
      value: 'Explain what this code does and suggest improvements.',
    });
    if (!prompt) return;
    await api.run({ kind: 'compare', prompt, messages: [{ role: 'user', content: promptWithContext(prompt, ctx) }] });
  };

  const disposable = vscode.Disposable.from(
    editor,
    controller,
    // No retainContextWhenHidden: the view redraws from the controller's snapshot on `ready`, which costs less
    // than keeping a hidden document alive.
    surfaces.registerWebviewViewProvider(COMPARE_VIEW_ID, viewProvider),
    surfaces.registerWebviewPanelSerializer(COMPARE_PANEL_TYPE, serializer),
    vscode.commands.registerCommand(PanelCommands.openPanel, openTab),
    vscode.commands.registerCommand(PanelCommands.stopAll, () => controller.stopAll()),
    vscode.commands.registerCommand(PanelCommands.compareSelection, compareSelection),
    services.onDidChangeModels(() => void controller.refreshModels()),
    chatModels.catalog.onDidChange(() => void controller.refreshModels()),
    // Engine files downloaded or removed (or the engine changed state): the offer may come or go.
    services.builtInEngine.onDidChange(() => void controller.refreshOffer()),
    engine.onDidChangeOffer(() => void controller.refreshOffer()),
    new vscode.Disposable(() => tab?.dispose()),
  );
  return { disposable, api };
}
