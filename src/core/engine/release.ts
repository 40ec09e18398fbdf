/**
 * The official llama.cpp build for this platform: which GitHub release asset (`llama-<tag>-bin-<platform>.zip` or
 * `.tar.gz`), its size and its SHA-256 as GitHub publishes them (the asset's `digest`, "sha256:…", when present).
 * Looks only; `LLM_COMPARE_LLAMACPP_RELEASES_URL` stands in for the GitHub API in tests.
 */
import { CancelledError } from '../providers/errors';
import { errorWithCauses } from '../providers/fetch-failure';
import { DownloadError } from './download';

export const RELEASES_URL = 'https://api.github.com/repos/ggml-org/llama.cpp/releases';

export type ArchiveFormat = 'zip' | 'tar.gz';

export interface ReleaseAsset {
  tag: string;
  /** The asset's file name, e.g. `llama-b4747-bin-ubuntu-x64.zip`. */
  name: string;
  url: string;
  /** Bytes as the release API says (null when it does not). */
  size: number | null;
  /** From the asset's `digest` ("sha256:<hex>"); null when GitHub publishes none (older assets). */
  sha256: string | null;
  format: ArchiveFormat;
  /** The release's name for this platform, e.g. `ubuntu-x64`. */
  platform: string;
}

/** No official build fits this machine: the user must point `engine.binaryPath` at a llama-server. */
export class NoEngineBuildError extends DownloadError {
  constructor(readonly platform: string, message: string) {
    super(message, undefined, 'open-settings');
  }
}

/** The release's platform word for a Node platform/arch (null = llama.cpp publishes no CPU build for it). */
export function releasePlatform(platform: string = process.platform, arch: string = process.arch): string | null {
  if (platform === 'linux' && arch === 'x64') return 'ubuntu-x64';
  if (platform === 'linux' && arch === 'arm64') return 'ubuntu-arm64'; // published by newer releases only
  if (platform === 'darwin' && arch === 'arm64') return 'macos-arm64';
  if (platform === 'darwin' && arch === 'x64') return 'macos-x64';
  if (platform === 'win32' && arch === 'x64') return 'win-cpu-x64';
  return null;
}

interface ApiAsset {
  name?: unknown;
  size?: unknown;
  browser_download_url?: unknown;
  digest?: unknown;
}

export interface ReleaseQuery {
  /** The API base (…/releases); default GitHub's. */
  releasesUrl?: string;
  /** A release tag to pin (e.g. `b4747`); empty = the latest release. */
  tag?: string;
  platform?: string;
  arch?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export async function findReleaseAsset(q: ReleaseQuery = {}): Promise<ReleaseAsset> {
  const nodePlatform = `${q.platform ?? process.platform}-${q.arch ?? process.arch}`;
  const word = releasePlatform(q.platform, q.arch);
  if (!word) throw noBuild(nodePlatform, '');
  const base = (q.releasesUrl || RELEASES_URL).replace(/\/+$/, '');
  const url = q.tag ? `${base}/tags/${encodeURIComponent(q.tag)}` : `${base}/latest`;
  let res: Response;
  try {
    res = await (q.fetch ?? fetch)(url, { headers: { accept: 'application/vnd.github+json', 'user-agent': 'llm-compare' }, signal: q.signal });
  } catch (e) {
    if (q.signal?.aborted) throw new CancelledError('Cancelled.');
    throw new DownloadError(`Cannot reach the llama.cpp releases on GitHub (${base}): ${errorWithCauses(e)}.`, e, 'retry');
  }
  if (res.status === 404) throw new DownloadError(q.tag ? `llama.cpp has no release "${q.tag}" (engine.releaseTag); leave it empty for the latest.` : `No llama.cpp release found at ${url}.`);
  if (res.status === 403 || res.status === 429) {
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
    throw new DownloadError(`GitHub refused the release lookup (HTTP ${res.status}, rate limit${when}). Try again later, or set engine.binaryPath to a llama-server.`);
  }
  if (!res.ok) throw new DownloadError(`GitHub answered HTTP ${res.status} for ${url}.`);
  const body = (await res.json().catch(() => null)) as { tag_name?: unknown; assets?: unknown } | null;
  const tag = typeof body?.tag_name === 'string' ? body.tag_name : q.tag || 'unknown';
  const assets = Array.isArray(body?.assets) ? (body.assets as ApiAsset[]) : [];
  const pattern = new RegExp(`^llama-.+-bin-${word.replace(/[.-]/g, '\\$&')}\\.(zip|tar\\.gz)$`);
  // Both formats have been published over time; prefer tar.gz (it keeps file modes natively) when both exist.
  const fitting = assets.filter((a) => typeof a.name === 'string' && pattern.test(a.name) && typeof a.browser_download_url === 'string');
  const chosen = fitting.find((a) => (a.name as string).endsWith('.tar.gz')) ?? fitting[0];
  if (!chosen) throw noBuild(nodePlatform, ` in llama.cpp ${tag} (no asset named llama-${tag}-bin-${word}.zip or .tar.gz)`);
  const name = chosen.name as string;
  const digest = typeof chosen.digest === 'string' ? /^sha256:([0-9a-f]{64})$/i.exec(chosen.digest) : null;
  return {
    tag,
    name,
    url: chosen.browser_download_url as string,
    size: typeof chosen.size === 'number' && Number.isInteger(chosen.size) && chosen.size > 0 ? chosen.size : null,
    sha256: digest ? digest[1].toLowerCase() : null,
    format: name.endsWith('.zip') ? 'zip' : 'tar.gz',
    platform: word,
  };
}

function noBuild(platform: string, where: string): NoEngineBuildError {
  return new NoEngineBuildError(
    platform,
    `llama.cpp publishes no ready-made server for ${platform}${where}. Build or install llama-server yourself (https://github.com/ggml-org/llama.cpp) and set engine.binaryPath to it, or put it on PATH.`,
  );
}
