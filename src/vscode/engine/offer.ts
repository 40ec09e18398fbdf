/**
 * When does the panel offer the built-in engine? When nothing else can answer: Ollama is not reachable, no Hugging
 * Face key is set, and no usable built-in engine model is configured (none, or its files are missing). The size it
 * quotes is the set-up plan's (what the servers reported), looked up at most every few minutes; "size unknown" when
 * the plan could not be made (offline) or a size was not reported.
 */
import type { EngineSettings } from '../../core/engine/engine-settings';
import { defaultEngineSettings } from '../../core/engine/engine-settings';
import type { EngineOfferView } from '../../shared/engine-offer';
import type { ApiKeyStore } from '../apikey';
import type { Services } from '../services';
import type { SetupModule } from './setup-types';

const OLLAMA_PROBE_MS = 3000;
const PLAN_TIMEOUT_MS = 10_000;
/** A plan's sizes stay good for this long (they only change with a new release or model). */
const PLAN_KEEP_MS = 10 * 60_000;

export class EngineOffer {
  private plan: { key: string; at: number; bytes: Promise<number | null> } | undefined;

  constructor(private readonly services: Services, private readonly keys: ApiKeyStore, private readonly setup: () => SetupModule) {}

  /** The offer to show, or null when some model can answer (or the settings are invalid: another message says so). */
  async current(): Promise<EngineOfferView | null> {
    let registry;
    try {
      registry = await this.services.getRegistry();
    } catch {
      return null;
    }
    if ((await this.keys.get()).key) return null;
    if (registry.slots().some((s) => s.provider === 'llamacpp') && (await this.services.builtInEngine.view()).phase !== 'missing') return null;
    const ollama = await registry.ollama.diagnose(AbortSignal.timeout(OLLAMA_PROBE_MS)).catch(() => ({ reachable: false, host: registry.ollama.host }));
    if (ollama.reachable) return null;
    return { downloadBytes: await this.downloadBytes(registry.settings.engine ?? defaultEngineSettings()), ollamaHost: ollama.host };
  }

  /** Files were downloaded or removed: the next offer plans again. */
  forget(): void {
    this.plan = undefined;
  }

  private downloadBytes(engine: EngineSettings): Promise<number | null> {
    const cacheDir = this.services.context.globalStorageUri.fsPath;
    const key = JSON.stringify([engine.binaryPath, engine.modelPath, engine.modelRepo, engine.modelFile, engine.releaseTag, cacheDir]);
    if (this.plan && this.plan.key === key && Date.now() - this.plan.at < PLAN_KEEP_MS) return this.plan.bytes;
    const bytes = this.setup()
      .planEngineSetup(engine, { cacheDir, env: process.env, signal: AbortSignal.timeout(PLAN_TIMEOUT_MS) })
      .then((p) => p.downloadBytes)
      .catch((e: unknown) => {
        this.services.log.info(`engine: no download size for the offer (${(e as Error).message})`);
        // Offline now may be online in a minute: an unknown size is not kept.
        if (this.plan?.bytes === bytes) this.plan = undefined;
        return null;
      });
    this.plan = { key, at: Date.now(), bytes };
    return bytes;
  }
}
