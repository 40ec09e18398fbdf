export * from './types';
export { resolveSandbox, parseSandboxChoice, installHint, autoOrder, forgetDetectedSandboxes, UNSANDBOXED_RISK, type Detectors } from './resolve';
export { noIsolation } from './none';
