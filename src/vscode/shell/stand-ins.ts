/**
 * Stand-ins for the surfaces VS Code must find registered once the extension is active: the comparison view, the
 * models view, the comparison and report tabs it restores after a restart, and our models in VS Code chat. Each
 * loads the features (`load`) the first time VS Code asks it for anything, then delegates to the real provider the
 * feature handed over through the SurfaceHost.
 */
import * as vscode from 'vscode';
import { BENCH_REPORT_VIEW_TYPE } from '../bench/ids';
import type { SurfaceHost } from '../host';
import { providerRegistration, type LanguageModelChatProvider } from '../lm/api-1.104';
import { OWN_VENDOR } from '../lm/ids';
import { MODELS_VIEW_ID } from '../models/ids';
import { COMPARE_PANEL_TYPE, COMPARE_VIEW_ID } from '../panel/ids';

/** Named providers handed over by the features; asking for one that is missing loads the features first. */
class Handed<T> {
  private readonly byId = new Map<string, T>();

  constructor(
    private readonly load: () => void,
    private readonly what: string,
  ) {}

  set(id: string, value: T): vscode.Disposable {
    if (this.byId.has(id)) throw new Error(`${this.what} ${id} is registered twice`);
    this.byId.set(id, value);
    return new vscode.Disposable(() => this.byId.delete(id));
  }

  get(id: string): T {
    this.load();
    const value = this.byId.get(id);
    if (value === undefined) throw new Error(`The extension's features registered no ${this.what} for ${id}`);
    return value;
  }
}

/** The models tree before and after the features load: VS Code asks it for children when the view shows. */
class DelegatingTree implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<unknown> | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => void) {}

  attach(real: vscode.TreeDataProvider<unknown>): void {
    if (this.real) throw new Error(`tree view ${MODELS_VIEW_ID} is registered twice`);
    this.real = real;
    this.forwarding = real.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.loaded().getChildren(element);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.loaded().getTreeItem(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }

  private loaded(): vscode.TreeDataProvider<unknown> {
    this.load();
    if (!this.real) throw new Error(`The extension's features registered no tree for ${MODELS_VIEW_ID}`);
    return this.real;
  }
}

/** Our models in VS Code chat: the list, answers and token counts all go to the features' provider. */
class DelegatingChatProvider implements LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private real: LanguageModelChatProvider | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => void) {}

  attach(real: LanguageModelChatProvider): vscode.Disposable {
    if (this.real) throw new Error(`chat vendor ${OWN_VENDOR} is registered twice`);
    this.real = real;
    this.forwarding = real.onDidChangeLanguageModelChatInformation?.(() => this.changed.fire());
    // VS Code may have listed nothing from us before the features loaded: ask it to list again.
    this.changed.fire();
    return new vscode.Disposable(() => {
      this.forwarding?.dispose();
      this.real = undefined;
    });
  }

  provideLanguageModelChatInformation(...args: Parameters<LanguageModelChatProvider['provideLanguageModelChatInformation']>) {
    return this.loaded().provideLanguageModelChatInformation(...args);
  }

  provideLanguageModelChatResponse(...args: Parameters<LanguageModelChatProvider['provideLanguageModelChatResponse']>) {
    return this.loaded().provideLanguageModelChatResponse(...args);
  }

  provideTokenCount(...args: Parameters<LanguageModelChatProvider['provideTokenCount']>) {
    return this.loaded().provideTokenCount(...args);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }

  private loaded(): LanguageModelChatProvider {
    this.load();
    if (!this.real) throw new Error(`The extension's features registered no chat provider for ${OWN_VENDOR}`);
    return this.real;
  }
}

/** Registers every stand-in with VS Code now; `host` is what the features register their real providers with. */
export function registerStandIns(load: () => void): { host: SurfaceHost; disposable: vscode.Disposable } {
  const views = new Handed<vscode.WebviewViewProvider>(load, 'webview view');
  const serializers = new Handed<vscode.WebviewPanelSerializer>(load, 'panel serializer');
  const tree = new DelegatingTree(load);
  const treeView = vscode.window.createTreeView(MODELS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });
  const registerChat = providerRegistration(vscode.lm);
  const chat = registerChat ? new DelegatingChatProvider(load) : undefined;

  const disposables: vscode.Disposable[] = [
    treeView,
    tree,
    vscode.window.registerWebviewViewProvider(COMPARE_VIEW_ID, {
      resolveWebviewView: (view, context, token) => views.get(COMPARE_VIEW_ID).resolveWebviewView(view, context, token),
    }),
    ...[COMPARE_PANEL_TYPE, BENCH_REPORT_VIEW_TYPE].map((type) =>
      vscode.window.registerWebviewPanelSerializer(type, {
        deserializeWebviewPanel: (panel, state) => serializers.get(type).deserializeWebviewPanel(panel, state),
      }),
    ),
  ];
  if (registerChat && chat) disposables.push(chat, registerChat(OWN_VENDOR, chat));

  const host: SurfaceHost = {
    registerWebviewViewProvider: (id, provider) => views.set(id, provider),
    registerWebviewPanelSerializer: (type, serializer) => serializers.set(type, serializer),
    createTreeView: <T>(id: string, provider: vscode.TreeDataProvider<T>) => {
      if (id !== MODELS_VIEW_ID) throw new Error(`no stand-in for tree view ${id}`);
      tree.attach(provider as vscode.TreeDataProvider<unknown>);
      // The view the shell made, with the features' data in it (they dispose it on deactivation, as before).
      return treeView as unknown as vscode.TreeView<T>;
    },
    registerChatProvider: chat ? (vendor, provider) => (vendor === OWN_VENDOR ? chat.attach(provider) : registerChat!(vendor, provider)) : undefined,
  };
  return { host, disposable: vscode.Disposable.from(...disposables) };
}
