/**
 * Setting up the built-in engine on a machine that has nothing yet: what is missing and what getting it costs (the
 * plan: sizes and digests as the servers publish them, never guessed), then — with the user's consent, asked by the
 * caller — the downloads, verified and installed into the cache folder. Used by the CLI (`engine pull`) and VS Code.
 */
import { existsSync, statSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../providers/errors';
import { downloadFile } from './download';
import type { EngineSettings } from './engine-settings';
import { hubFile } from './hub';
import { installRelease, installedRelease } from './install';
import { BINARY_NAME, findBinary, modelFileOf, requireBinary } from './locate';
import { findReleaseAsset, type ReleaseAsset } from './release';
import { lockSetup } from './setup-lock';
import { readVerified, writeVerified } from './verified';

export interface EngineSetupHost {
  /** VS Code: globalStorageUri.fsPath; CLI: cliCacheDir(env). */
  cacheDir: string;
  /** PATH lookup; HF_HUB_URL / LLM_COMPARE_LLAMACPP_RELEASES_URL overrides. Default process.env. */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface EngineFilePlan {
  what: 'binary' | 'model';
  /** Already usable (setting, PATH, or in the cache). */
  present: boolean;
  /** Where it is, or where it will go. */
  path: string;
  /** 'setting' | 'PATH' | 'cache' | the URL it would come from. */
  source: string;
  /** Download size (null = unknown; never guessed). For a present file, its size on disk. */
  bytes: number | null;
  /** Published digest to verify against (null = none published: size check only). */
  sha256: string | null;
  /** Human text, e.g. "llama.cpp b4747 server for ubuntu-x64". */
  label: string;
}

export interface EngineSetupPlan {
  binary: EngineFilePlan;
  model: EngineFilePlan;
  /** Sum of the missing files' bytes; null when any missing file's size is unknown. 0 = nothing to download. */
  downloadBytes: number | null;
}

export interface EngineSetupProgress {
  what: 'binary' | 'model';
  received: number;
  total: number | null;
  resumedFrom: number;
}

/** The environment variable that stands in for GitHub's release API (tests, mirrors). */
export const RELEASES_URL_ENV = 'LLM_COMPARE_LLAMACPP_RELEASES_URL';

/** Looks only (network only for missing files: release API, Hub tree). Throws DownloadError (typed, with the fix) offline. */
export async function planEngineSetup(settings: EngineSettings, host: EngineSetupHost): Promise<EngineSetupPlan> {
  const env = host.env ?? process.env;
  const [binary, model] = await Promise.all([planBinary(settings, host, env), planModel(settings, host, env)]);
  const missing = [binary, model].filter((f) => !f.present);
  const downloadBytes = missing.some((f) => f.bytes === null) ? null : missing.reduce((sum, f) => sum + (f.bytes ?? 0), 0);
  return { binary, model, downloadBytes };
}

/** Downloads what the plan says is missing (the caller has the user's consent), verifies, installs; cancellable, resumable. */
export async function runEngineSetup(
  plan: EngineSetupPlan,
  host: EngineSetupHost & { onProgress?: (p: EngineSetupProgress) => void },
): Promise<{ binary: string; model: string }> {
  const unlock = plan.downloadBytes === 0 ? () => undefined : lockSetup(host.cacheDir);
  try {
    return await download(plan, host);
  } finally {
    unlock();
  }
}

async function download(plan: EngineSetupPlan, host: EngineSetupHost & { onProgress?: (p: EngineSetupProgress) => void }): Promise<{ binary: string; model: string }> {
  let binary = plan.binary.path;
  if (!plan.binary.present) {
    const asset = assetOf(plan.binary);
    const archive = path.join(host.cacheDir, 'downloads', asset.name);
    await downloadFile({
      url: asset.url,
      dest: archive,
      ...(asset.sha256 ? { sha256: asset.sha256 } : {}),
      ...(asset.size !== null ? { size: asset.size } : {}),
      fetch: host.fetch,
      signal: host.signal,
      onProgress: (p) => host.onProgress?.({ what: 'binary', ...p }),
    });
    try {
      binary = await installRelease(archive, asset, asset.sha256 ? 'sha256' : 'size', host.cacheDir);
    } finally {
      await rm(archive, { force: true });
      await rmdir(path.dirname(archive)).catch(() => undefined); // only when empty (another download may be resuming)
    }
  }
  if (!plan.model.present) {
    const m = plan.model;
    await downloadFile({
      url: m.source,
      dest: m.path,
      ...(m.sha256 ? { sha256: m.sha256 } : {}),
      ...(m.bytes !== null ? { size: m.bytes } : {}),
      fetch: host.fetch,
      signal: host.signal,
      onProgress: (p) => host.onProgress?.({ what: 'model', ...p }),
    });
    await writeVerified(m.path, m.sha256 ? { by: 'sha256', sha256: m.sha256 } : { by: 'size', sha256: null });
  }
  return { binary, model: plan.model.path };
}

async function planBinary(settings: EngineSettings, host: EngineSetupHost, env: Record<string, string | undefined>): Promise<EngineFilePlan> {
  // A binaryPath that does not run is the user's to fix: downloading another would hide the mistake.
  const found = settings.binaryPath ? requireBinary(settings, host.cacheDir, env) : findBinary(settings, host.cacheDir, env);
  if (found) {
    const release = found.source === 'cache' ? installedRelease(host.cacheDir) : null;
    return {
      what: 'binary',
      present: true,
      path: found.path,
      source: found.source,
      bytes: statSync(found.path).size,
      sha256: release?.binarySha256 ?? null,
      label: release ? `llama.cpp ${release.tag} server (${release.asset})` : `llama-server from ${found.source}`,
    };
  }
  const asset = await findReleaseAsset({ releasesUrl: env[RELEASES_URL_ENV] || undefined, tag: settings.releaseTag || undefined, fetch: host.fetch, signal: host.signal });
  return {
    what: 'binary',
    present: false,
    path: path.join(host.cacheDir, 'bin', BINARY_NAME),
    source: asset.url,
    bytes: asset.size,
    sha256: asset.sha256,
    label: `llama.cpp ${asset.tag} server for ${asset.platform}`,
  };
}

async function planModel(settings: EngineSettings, host: EngineSetupHost, env: Record<string, string | undefined>): Promise<EngineFilePlan> {
  const file = modelFileOf(settings, host.cacheDir)!;
  const label = settings.modelPath ? path.basename(settings.modelPath) : `${settings.modelRepo} ${settings.modelFile}`;
  if (settings.modelPath) {
    if (!isFile(file)) throw new ConfigError(`The built-in engine's model file "${settings.modelPath}" (engine.modelPath) does not exist.`);
    return { what: 'model', present: true, path: file, source: 'setting', bytes: statSync(file).size, sha256: null, label };
  }
  if (isFile(file)) {
    return { what: 'model', present: true, path: file, source: 'cache', bytes: statSync(file).size, sha256: readVerified(file)?.sha256 ?? null, label };
  }
  const hub = await hubFile(settings.modelRepo, settings.modelFile, { hubUrl: env.HF_HUB_URL || undefined, fetch: host.fetch, signal: host.signal });
  return { what: 'model', present: false, path: file, source: hub.url, bytes: hub.size, sha256: hub.sha256, label };
}

/** The release asset a binary plan points at, read back from its URL (`…/llama-<tag>-bin-<platform>.<zip|tar.gz>`). */
function assetOf(plan: EngineFilePlan): ReleaseAsset {
  const name = decodeURIComponent(new URL(plan.source).pathname.split('/').pop() ?? '');
  const m = /^llama-(.+)-bin-(.+?)\.(zip|tar\.gz)$/.exec(name);
  if (!m) throw new ConfigError(`The engine plan's source ${plan.source} is not a llama.cpp release archive.`);
  return { tag: m[1], name, url: plan.source, size: plan.bytes, sha256: plan.sha256, format: m[3] as 'zip' | 'tar.gz', platform: m[2] };
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}
