/**
 * The built-in engine's commands and the panel's offer. Registration costs nothing at activation: the set-up flow,
 * the removal and the core's download code are `require`d when first used.
 */
import * as vscode from 'vscode';
import type { EngineOfferView } from '../../shared/engine-offer';
import type { ApiKeyStore } from '../apikey';
import type { Services } from '../services';
import type { Ui } from '../ui';
import { EngineCommands } from './ids';
import type { SetupModule } from './setup-types';

export interface BuiltInEngineFeature {
  readonly disposable: vscode.Disposable;
  /** What the panel offers when nothing else can answer (null: nothing to offer). */
  offer(): Promise<EngineOfferView | null>;
  /** Fires after a set-up run ended: the offer (and its size) may have changed. */
  readonly onDidChangeOffer: vscode.Event<void>;
}

/** The core's set-up (download, verify, install): loaded with the first set-up or offer. */
const loadSetup = (): SetupModule => require('../../core/engine/setup') as SetupModule;

export function registerBuiltInEngine(services: Services, ui: Ui, keys: ApiKeyStore): BuiltInEngineFeature {
  let offer: import('./offer').EngineOffer | undefined;
  const offerChanged = new vscode.EventEmitter<void>();
  const settled = () => {
    offer?.forget();
    offerChanged.fire();
  };
  const theOffer = () => (offer ??= new (require('./offer') as typeof import('./offer')).EngineOffer(services, keys, loadSetup));
  const setUp = () => {
    const { setUpEngine } = require('./setup-command') as typeof import('./setup-command');
    return setUpEngine({ services, ui, setup: loadSetup, settled });
  };
  const remove = () => {
    const { removeEngineDownloads } = require('./remove-command') as typeof import('./remove-command');
    return removeEngineDownloads(services, ui);
  };
  return {
    offer: () => theOffer().current(),
    onDidChangeOffer: offerChanged.event,
    disposable: vscode.Disposable.from(
      offerChanged,
      vscode.commands.registerCommand(EngineCommands.setUp, setUp),
      vscode.commands.registerCommand(EngineCommands.setUpFromModel, setUp),
      vscode.commands.registerCommand(EngineCommands.removeDownloads, remove),
      // Downloaded or removed files change what the offer would download.
      services.builtInEngine.onDidChange(() => offer?.forget()),
    ),
  };
}
