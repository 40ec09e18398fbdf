/**
 * What the built-in engine's set-up says to the user: the consent dialog, progress and failures.
 * Pure (no `vscode`): the figures come from the set-up plan, i.e. from what the servers reported, never from a guess.
 */
import { megabytes } from '../../shared/engine-offer';
import type { EngineFilePlan, EngineSetupPlan, EngineSetupProgress } from './setup-types';

export const REMOVE_COMMAND_TITLE = 'LLM Compare: Remove built-in engine downloads';
export const SETUP_COMMAND_TITLE = 'LLM Compare: Use the built-in engine';

export interface Consent {
  message: string;
  detail: string;
  action: string;
}

/** The modal consent: what is downloaded, from where, to where, how big (as reported), and how it is checked. */
export function consentText(plan: EngineSetupPlan, cacheDir: string): Consent {
  const missing = [plan.binary, plan.model].filter((f) => !f.present);
  const lines = [plan.binary, plan.model].map(fileLine);
  const total = plan.downloadBytes === null ? 'The total size is unknown: a server did not report a size.' : `In all: ${megabytes(plan.downloadBytes)}.`;
  return {
    message: missing.length ? `Download the built-in engine (${plan.downloadBytes === null ? 'size unknown' : `about ${megabytes(plan.downloadBytes)}`})?` : 'Use the built-in engine? Everything it needs is already here.',
    detail: [
      ...lines,
      '',
      ...(missing.length
        ? [
            total,
            `Files go to ${cacheDir}. "${REMOVE_COMMAND_TITLE}" deletes them.`,
            'Cancel at any time: the partial file is kept and the next set-up resumes it.',
          ]
        : []),
      'The engine (llama.cpp\'s llama-server) then runs on this computer only, on a loopback port, when a "Built-in engine" model is used.',
    ].join('\n'),
    action: missing.length ? 'Download and set up' : 'Set up',
  };
}

function fileLine(f: EngineFilePlan): string {
  const name = f.what === 'binary' ? 'Engine' : 'Model';
  if (f.present) return `${name}: ${f.label}, already at ${f.path} (${presentWhy(f.source)}).`;
  const size = f.bytes === null ? 'size unknown (not reported)' : megabytes(f.bytes);
  const check = f.sha256 ? `checked against its published SHA-256 ${f.sha256.slice(0, 12)}…` : 'no SHA-256 published: checked by size only';
  return `${name}: ${f.label}, ${size}, from ${f.source}\n    to ${f.path} (${check}).`;
}

function presentWhy(source: string): string {
  if (source === 'setting') return 'your setting';
  if (source === 'PATH') return 'found on PATH';
  return 'downloaded earlier';
}

/** The progress notification's line: which file, how much of it, and the increment (percent of that file). */
export function progressLine(p: EngineSetupProgress, plan: EngineSetupPlan): string {
  const label = p.what === 'binary' ? 'engine' : 'model';
  const step = plan.binary.present || plan.model.present ? '' : p.what === 'binary' ? ' (1 of 2)' : ' (2 of 2)';
  const got = megabytes(p.received);
  // The archive is whole: what follows (its digest, unpacking, install) reports no bytes.
  if (p.what === 'binary' && p.total !== null && p.total > 0 && p.received >= p.total) return `Engine downloaded (${megabytes(p.total)}); checking and unpacking it…`;
  const resumed = p.resumedFrom > 0 ? `, resumed at ${megabytes(p.resumedFrom)}` : '';
  if (p.total === null || p.total <= 0) return `Downloading the ${label}${step}: ${got} (size unknown${resumed})`;
  return `Downloading the ${label}${step}: ${got} of ${megabytes(p.total)}, ${percent(p.received, p.total)}%${resumed}`;
}

export function percent(received: number, total: number): number {
  return Math.min(100, Math.floor((received / total) * 100));
}

/** Network failures under a download error (the cause's code): worth a hint about the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** Whether an error (or one of its causes) is a network failure: the message then says to check the connection. */
export function isNetworkFailure(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; c && depth < 6; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    c = (c as { cause?: unknown }).cause ?? (c as { details?: { cause?: unknown } }).details?.cause;
  }
  return false;
}

export const NETWORK_HINT = 'Check the network connection (and VS Code\'s http.proxy setting if you use a proxy), then run "LLM Compare: Use the built-in engine" again: what was already downloaded is kept.';
