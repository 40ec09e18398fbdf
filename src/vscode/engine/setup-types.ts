/**
 * TEMPORARY (until engcore lands src/core/engine/setup.ts): the set-up API's shapes as ENGINE-CONTRACT.md states
 * them. Replaced by `import type … from '../../core/engine/setup'` at merge.
 */
import type { EngineSettings } from '../../core/engine/engine-settings';

export interface EngineSetupHost {
  cacheDir: string;
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}
export interface EngineFilePlan {
  what: 'binary' | 'model';
  present: boolean;
  path: string;
  source: string;
  bytes: number | null;
  sha256: string | null;
  label: string;
}
export interface EngineSetupPlan {
  binary: EngineFilePlan;
  model: EngineFilePlan;
  downloadBytes: number | null;
}
export interface EngineSetupProgress {
  what: 'binary' | 'model';
  received: number;
  total: number | null;
  resumedFrom: number;
}
export interface SetupModule {
  planEngineSetup(settings: EngineSettings, host: EngineSetupHost): Promise<EngineSetupPlan>;
  runEngineSetup(plan: EngineSetupPlan, host: EngineSetupHost & { onProgress?: (p: EngineSetupProgress) => void }): Promise<{ binary: string; model: string }>;
}
