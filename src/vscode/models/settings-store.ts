/**
 * `llmCompare.models` as the user wrote it, where they wrote it (user or workspace settings), and the writes the
 * models view makes. Settings stay the single source of truth: the view never keeps a copy of its own, it re-reads
 * after every change (its own or a hand edit of settings.json).
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import { checkEntries, type EntryCheck } from '../../core/model-entries';
import { DEFAULT_MODELS } from '../../core/settings';
import { CONFIG_SECTION, SettingKeys } from '../ids';

/** Where the effective list comes from. `default` = nobody set it: the contributed default applies. */
export type ListScope = 'workspace' | 'user' | 'default';

export interface ModelList {
  /** The entries exactly as written (untrusted: a hand edit can put anything here). */
  raw: unknown[];
  scope: ListScope;
  checks: EntryCheck[];
  /** `llmCompare.defaultModel` as set, or the contributed default. */
  defaultModel: string | undefined;
}

const MODELS_SETTING = `${CONFIG_SECTION}.${SettingKeys.models}`;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(CONFIG_SECTION);
}

export function readModelList(): ModelList {
  const c = config();
  const i = c.inspect<unknown>(SettingKeys.models);
  const scope: ListScope = i?.workspaceValue !== undefined ? 'workspace' : i?.globalValue !== undefined ? 'user' : 'default';
  const value = c.get<unknown>(SettingKeys.models);
  const raw = Array.isArray(value) ? [...value] : [];
  const defaultModel = c.get<unknown>(SettingKeys.defaultModel);
  return { raw, scope, checks: checkEntries(value ?? DEFAULT_MODELS, MODELS_SETTING), defaultModel: typeof defaultModel === 'string' ? defaultModel : undefined };
}

export function targetOf(scope: 'user' | 'workspace'): vscode.ConfigurationTarget {
  return scope === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

/** Edits go where the list the user sees is defined; a list nobody set is copied into user settings first. */
export function writableScope(scope: ListScope): 'user' | 'workspace' {
  return scope === 'workspace' ? 'workspace' : 'user';
}

export async function writeModelList(list: readonly unknown[], scope: 'user' | 'workspace'): Promise<void> {
  await config().update(SettingKeys.models, list, targetOf(scope));
}

/** Sets the default model beside the list, so the two stay together (a workspace list gets a workspace default). */
export async function writeDefaultModel(id: string, scope: 'user' | 'workspace'): Promise<void> {
  await config().update(SettingKeys.defaultModel, id, targetOf(scope));
}

/**
 * Opens the settings.json that holds the list and puts the cursor on entry `index` (or on the setting itself when
 * there is no such entry). Uses VS Code's own "open settings JSON" commands, so the right file is opened wherever
 * the profile lives (desktop, remote, code-server), then finds the entry in the text with a JSONC parser.
 */
export async function openEntryInSettingsJson(scope: ListScope, index?: number): Promise<vscode.TextEditor | undefined> {
  const command = scope === 'workspace' ? 'workbench.action.openWorkspaceSettingsFile' : 'workbench.action.openSettingsJson';
  await vscode.commands.executeCommand(command);
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const tree = parseTree(doc.getText(), [], { allowTrailingComma: true, disallowComments: false });
  const node = tree && ((index !== undefined && findNodeAtLocation(tree, [MODELS_SETTING, index])) || findNodeAtLocation(tree, [MODELS_SETTING]));
  const propertyStart = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
  if (node && propertyStart !== undefined) {
    const start = doc.positionAt(index !== undefined && node.parent?.type === 'array' ? node.offset : propertyStart);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, doc.positionAt(node.offset + node.length)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}
