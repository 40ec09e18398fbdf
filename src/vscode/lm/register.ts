/**
 * Both directions between LLM Compare and VS Code's language models, wired once:
 *  - VS Code's chat models become slots the panel and the benchmark can use (catalog + consumer provider, handed to
 *    every registry as the `vscode-lm` provider);
 *  - our configured models are offered to VS Code chat (vendor `llm-compare`) where this VS Code has the 1.104 API;
 *    on an older one the feature says why it is unavailable instead.
 */
import * as vscode from 'vscode';
import type { ModelRegistry } from '../../core/providers/registry';
import { openSettings } from '../config';
import type { SurfaceHost } from '../host';
import type { Services } from '../services';
import { PROVIDER_API_VERSION } from './api-1.104';
import { ChatModelCatalog } from './catalog';
import { VsCodeChatModelProvider } from './consumer';
import { LmCommands } from './ids';
import { OfferedModels } from './offer';
import { OWN_VENDOR } from './ids';
import { whereItRuns } from './where';

export interface LanguageModels {
  readonly catalog: ChatModelCatalog;
  /** Why our models are not in VS Code chat, or null when they are. */
  readonly offerUnavailable: string | null;
}

/** Made before the services: every registry they build gets the `vscode-lm` provider through this. */
export function chatModelsForRegistry(log: vscode.LogOutputChannel): { catalog: ChatModelCatalog; extend(registry: ModelRegistry): void } {
  const catalog = new ChatModelCatalog(log);
  const provider = new VsCodeChatModelProvider(catalog);
  return { catalog, extend: (registry) => registry.registerProvider('vscode-lm', provider, () => catalog.slots()) };
}

export function registerLanguageModels(services: Services, catalog: ChatModelCatalog, host: SurfaceHost): { disposable: vscode.Disposable; models: LanguageModels } {
  const disposables: vscode.Disposable[] = [
    catalog,
    vscode.commands.registerCommand(LmCommands.manageModels, () => openSettings('llmCompare.models')),
  ];
  void catalog.refresh();
  const register = host.registerChatProvider;
  let offerUnavailable: string | null = null;
  if (register) {
    const offered = new OfferedModels(services, (slot) => {
      try {
        return whereItRuns(slot, services.getSettings());
      } catch {
        return whereItRuns(slot, null);
      }
    });
    disposables.push(offered, register(OWN_VENDOR, offered));
    services.log.info(`Configured models are offered to VS Code chat (vendor "${OWN_VENDOR}").`);
  } else {
    offerUnavailable = `Offering these models to VS Code chat needs VS Code ${PROVIDER_API_VERSION} or newer (this is ${vscode.version}). Everything else works.`;
    services.log.info(offerUnavailable);
  }
  return { disposable: vscode.Disposable.from(...disposables), models: { catalog, offerUnavailable } };
}
