/**
 * The "Models" view in the LLM Compare side bar and its commands. The view follows settings (its own writes and hand
 * edits alike) and keys; it checks the models when it becomes visible after a change, or on Refresh.
 */
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apikey';
import type { ComparePanelApi } from '../panel/api';
import { readServerSettings } from '../config';
import { CONFIG_SECTION } from '../ids';
import type { SurfaceHost } from '../host';
import type { Services } from '../services';
import type { Ui } from '../ui';
import { ModelActions } from './actions';
import type { AddedModel } from './add-flow';
import { MODELS_VIEW_ID, ModelsCommands } from './ids';
import type { ModelKeyStore } from './model-keys';
import { ModelsState } from './state';
import { ModelsTree, type ModelsNode } from './tree';

export interface ModelsView {
  readonly disposable: vscode.Disposable;
  readonly state: ModelsState;
  readonly tree: ModelsTree;
}

export function registerModelsView(services: Services, ui: Ui, hfKeys: ApiKeyStore, modelKeys: ModelKeyStore, panel: ComparePanelApi, host: SurfaceHost): ModelsView {
  const state = new ModelsState(hfKeys, modelKeys, services.log, services.builtInEngine);
  const tree = new ModelsTree(state);
  const view = host.createTreeView<ModelsNode>(MODELS_VIEW_ID, tree);
  const actions = new ModelActions({ services, ui, state, hfKeys, modelKeys, panel });
  state.setVisible(view.visible);

  const add = async (): Promise<AddedModel | undefined> => {
    // The flow and the server lists under it load when first used, not at activation.
    const { runAddFlow } = require('./add-flow') as typeof import('./add-flow');
    const added = await runAddFlow({ ui, settings: () => readServerSettings(), hfKeys, modelKeys, log: services.log });
    if (!added) return undefined;
    const label = String(added.entry.label);
    const offerPull = added.entry.provider === 'ollama' && !added.listed;
    void ui.message('info', `Added ${label} to ${added.scope} settings.`, ...(offerPull ? ['Pull'] : []), 'Test').then((choice) => {
      if (choice === 'Pull') void actions.pull(String(added.entry.id));
      if (choice === 'Test') void actions.test(String(added.entry.id));
    });
    return added;
  };

  const c = ModelsCommands;
  const register = vscode.commands.registerCommand;
  return {
    state,
    tree,
    disposable: vscode.Disposable.from(
      view,
      tree,
      state,
      view.onDidChangeVisibility((e) => state.setVisible(e.visible)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && state.invalidate()),
      hfKeys.onDidChange(() => state.invalidate()),
      modelKeys.onDidChange(() => state.invalidate()),
      register(c.addModel, add),
      register(c.refresh, () => state.refresh(true)),
      register(c.compareWith, (t) => actions.compareWith(t)),
      register(c.setDefault, (t) => actions.setDefault(t)),
      register(c.test, (t) => actions.test(t)),
      register(c.pull, (t) => actions.pull(t)),
      register(c.setKey, (t) => actions.setKey(t)),
      register(c.clearKey, (t) => actions.clearKey(t)),
      register(c.edit, (t) => actions.edit(t)),
      register(c.remove, (t) => actions.remove(t)),
      register(c.moveUp, (t) => actions.move(t, -1)),
      register(c.moveDown, (t) => actions.move(t, 1)),
      register(c.openSettingsJson, (t) => actions.openSettingsJson(t)),
    ),
  };
}
