/**
 * The "Models" tree: every configured model grouped by provider and host, each with its state as an icon, a short
 * description and a tooltip that says why and what fixes it; broken entries first, with the reason. Context values
 * are space-separated flags that package.json's menus match with `viewItem =~ /\bflag\b/`.
 */
import * as vscode from 'vscode';
import { locationOfSlot } from '../../core/providers/location';
import type { ModelLocation, ModelSlot, ProviderKind } from '../../core/providers/types';
import { ownEndpointOf } from './tokens';
import type { ModelsState, ShownState } from './state';
import { logTail, type EnginePhase } from '../engine/view';

export type ModelsNode =
  | { kind: 'group'; key: string; provider: ProviderKind; host: string; location: ModelLocation; models: ModelNode[] }
  | ModelNode
  | BrokenNode;

export interface ModelNode {
  kind: 'model';
  slot: ModelSlot;
  /** Index in the settings list = column position. */
  index: number;
  count: number;
}

export interface BrokenNode {
  kind: 'broken';
  index: number;
  problem: string;
  name: string;
}

const PROVIDER_NAMES: Record<ProviderKind, string> = {
  ollama: 'Ollama',
  huggingface: 'Hugging Face',
  openai: 'OpenAI-compatible',
  llamacpp: 'Built-in engine',
  'vscode-lm': 'VS Code chat models',
};

export function providerName(kind: ProviderKind): string {
  return PROVIDER_NAMES[kind] ?? kind;
}

/** Words for a state, used in descriptions, tooltips and the screen reader's label. */
export function stateWords(state: ShownState): string {
  switch (state.kind) {
    case 'loading':
      return 'checking…';
    case 'ready':
      return 'ready';
    case 'unreachable':
      return 'not reachable';
    case 'missing':
      return state.pullable ? 'not installed' : 'not served';
    case 'key-missing':
      return 'key missing';
    case 'key-rejected':
      return 'key rejected';
    case 'unchecked':
      return 'not checked';
    case 'engine':
      return ENGINE_WORDS[state.engine.phase];
  }
}

const ENGINE_WORDS: Record<EnginePhase, string> = {
  missing: 'files missing',
  stopped: 'starts when used',
  starting: 'starting…',
  loading: 'loading model…',
  ready: 'running',
  failed: 'failed',
};

function engineIcon(phase: EnginePhase): vscode.ThemeIcon {
  const c = (id: string) => new vscode.ThemeColor(id);
  switch (phase) {
    case 'missing':
      return new vscode.ThemeIcon('cloud-download', c('list.warningForeground'));
    case 'stopped':
      return new vscode.ThemeIcon('circle-large-outline');
    case 'starting':
    case 'loading':
      return new vscode.ThemeIcon('loading~spin');
    case 'ready':
      return new vscode.ThemeIcon('pass-filled', c('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', c('errorForeground'));
  }
}

function stateIcon(state: ShownState): vscode.ThemeIcon {
  const c = (id: string) => new vscode.ThemeColor(id);
  switch (state.kind) {
    case 'loading':
      return new vscode.ThemeIcon('loading~spin');
    case 'ready':
      return new vscode.ThemeIcon('pass-filled', c('testing.iconPassed'));
    case 'unreachable':
      return new vscode.ThemeIcon('error', c('errorForeground'));
    case 'missing':
      return new vscode.ThemeIcon(state.pullable ? 'cloud-download' : 'question', c('list.warningForeground'));
    case 'key-missing':
    case 'key-rejected':
      return new vscode.ThemeIcon('key', c('list.warningForeground'));
    case 'unchecked':
      return new vscode.ThemeIcon('circle-large-outline');
    case 'engine':
      return engineIcon(state.engine.phase);
  }
}

function fixHint(state: ShownState): string {
  switch (state.kind) {
    case 'unreachable':
      return 'Start the server or fix the endpoint (Edit), then Refresh.';
    case 'missing':
      return state.pullable ? 'Pull downloads it into Ollama.' : 'Pick a model the server offers (Edit).';
    case 'key-missing':
    case 'key-rejected':
      return 'Set API key fixes it.';
    case 'engine':
      if (state.engine.phase === 'missing') return '**Set up** downloads them (it asks first, with the sizes).';
      if (state.engine.phase === 'failed') return '**Show log** has its whole output. A settings change (`llmCompare.engine.*`) starts it afresh.';
      return '';
    default:
      return '';
  }
}

export class ModelsTree implements vscode.TreeDataProvider<ModelsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[];
  /** The model rows last handed to VS Code, by slot id: a state change redraws just that row. */
  private shown = new Map<string, ModelNode>();

  constructor(private readonly state: ModelsState) {
    this.subs = [
      state.onDidChange(() => this.changed.fire(undefined)),
      state.onDidChangeState((id) => this.changed.fire(this.shown.get(id))),
    ];
  }

  getChildren(node?: ModelsNode): ModelsNode[] {
    if (node?.kind === 'group') return node.models;
    if (node) return [];
    this.shown = new Map();
    const { checks } = this.state.entries;
    const broken: BrokenNode[] = checks
      .filter((c) => !c.ok)
      .map((c) => (c.ok ? null! : { kind: 'broken', index: c.index, problem: c.problem, name: c.label ?? c.id ?? `Entry ${c.index + 1}` }));
    const groups = new Map<string, Extract<ModelsNode, { kind: 'group' }>>();
    for (const c of checks) {
      if (!c.ok) continue;
      const host = this.state.hostOf(c.slot);
      const key = `${c.slot.provider} ${host}`;
      const location = locationOfSlot(c.slot, ownEndpointOf(c.slot, this.state.serverSettings));
      if (!groups.has(key)) groups.set(key, { kind: 'group', key, provider: c.slot.provider, host, location, models: [] });
      const model: ModelNode = { kind: 'model', slot: c.slot, index: c.index, count: checks.length };
      this.shown.set(c.slot.id, model);
      groups.get(key)!.models.push(model);
    }
    return [...broken, ...groups.values()];
  }

  getTreeItem(node: ModelsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'model':
        return this.modelItem(node);
      case 'broken':
        return this.brokenItem(node);
    }
  }

  private groupItem(node: Extract<ModelsNode, { kind: 'group' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(providerName(node.provider), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${node.key}`;
    item.description = node.host ? `${node.host} · ${node.location}` : node.location;
    item.iconPath = new vscode.ThemeIcon(node.provider === 'huggingface' ? 'cloud' : 'server');
    item.tooltip = `${providerName(node.provider)}${node.host ? ` at ${node.host}` : ''} (${node.location}): ${node.models.length} model${node.models.length === 1 ? '' : 's'}`;
    item.contextValue = 'group';
    return item;
  }

  private modelItem(node: ModelNode): vscode.TreeItem {
    const { slot } = node;
    const state = this.state.stateOf(slot.id);
    const isDefault = this.state.entries.defaultModel === slot.id;
    const item = new vscode.TreeItem(slot.label, vscode.TreeItemCollapsibleState.None);
    item.id = `model:${slot.id}`;
    const words = stateWords(state);
    // The state first: a narrow side bar cuts the end of the description.
    item.description = `${isDefault ? '★ ' : ''}#${node.index + 1} ${words} · ${slot.model}`;
    item.iconPath = stateIcon(state);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${escapeMd(slot.label)}**${isDefault ? ' — default for Generate and Explain' : ''}\n\n`);
    // The built-in engine has no host before it runs (its port is chosen at start): no empty "at".
    const host = this.state.hostOf(slot);
    tip.appendMarkdown(`${providerName(slot.provider)} · ${code(slot.model)}${host ? ` at ${code(host)}` : ''}  \nColumn ${node.index + 1} · id ${code(slot.id)}\n\n`);
    const why = 'reason' in state ? state.reason : 'detail' in state ? state.detail : state.kind === 'engine' ? state.engine.detail : '';
    tip.appendMarkdown(`$(${stateIcon(state).id.replace('~spin', '')}) **${words}**${why ? `: ${escapeMd(why)}` : ''}`);
    // The engine's last words, when it is loading or failed: what it is doing, or why it stopped.
    const tail = state.kind === 'engine' && (state.engine.phase === 'failed' || state.engine.phase === 'loading') ? logTail(state.engine.log) : '';
    if (tail) tip.appendCodeblock(tail, 'log');
    const hint = fixHint(state);
    if (hint) tip.appendMarkdown(`\n\n${hint}`);
    item.tooltip = tip;
    item.accessibilityInformation = { label: `${slot.label}, ${slot.model}, ${words}${isDefault ? ', default model' : ''}` };
    const flags = ['model', state.kind, slot.provider];
    if (state.kind === 'missing' && state.pullable) flags.push('pullable');
    if (state.kind === 'key-missing' || state.kind === 'key-rejected') flags.push('needskey');
    if (state.kind === 'engine' && state.engine.phase === 'missing') flags.push('enginesetup');
    if (state.kind === 'engine' && (state.engine.phase === 'failed' || state.engine.phase === 'loading')) flags.push('enginelog');
    if (isDefault) flags.push('default');
    if (this.state.hasOwnKey(slot.id)) flags.push('ownkey');
    if (node.index === 0) flags.push('first');
    if (node.index === node.count - 1) flags.push('last');
    item.contextValue = flags.join(' ');
    return item;
  }

  private brokenItem(node: BrokenNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
    item.id = `broken:${node.index}`;
    item.description = `broken: ${node.problem}`;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground'));
    item.tooltip = new vscode.MarkdownString(`**Broken entry** (${node.index + 1} in the list): ${escapeMd(node.problem)}\n\nOpen settings.json to fix it.`);
    item.accessibilityInformation = { label: `${node.name}, broken entry: ${node.problem}` };
    item.contextValue = 'broken';
    item.command = { title: 'Open settings.json', command: 'llmCompare.models.openSettingsJson', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}

/** Text in a code span: backslash escapes are literal there, so only backticks need taking out. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Labels and model names come from settings (hand-editable): no markdown or links of theirs become live. */
function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
