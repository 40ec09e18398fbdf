/** The core's set-up API (src/core/engine/setup.ts) as this layer uses it: its types, and the module loaded on first use. */
export type { EngineFilePlan, EngineSetupHost, EngineSetupPlan, EngineSetupProgress } from '../../core/engine/setup';
export type SetupModule = Pick<typeof import('../../core/engine/setup'), 'planEngineSetup' | 'runEngineSetup'>;
