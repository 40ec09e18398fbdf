/**
 * The model file on the Hugging Face Hub: its size and SHA-256 from the tree API (`lfs.oid` is the file's SHA-256),
 * and its download URL. `hubUrl` stands in for https://huggingface.co in tests (HF_HUB_URL).
 */
import { CancelledError } from '../providers/errors';
import { errorWithCauses } from '../providers/fetch-failure';
import { DownloadError } from './download';

export const HUB_URL = 'https://huggingface.co';

export interface HubFile {
  url: string;
  /** Bytes as the tree API says; null when it does not say. */
  size: number | null;
  sha256: string | null;
}

export async function hubFile(repo: string, file: string, o: { hubUrl?: string; fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<HubFile> {
  const base = (o.hubUrl ?? HUB_URL).replace(/\/+$/, '');
  const treeUrl = `${base}/api/models/${repo}/tree/main`;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(treeUrl, { signal: o.signal });
  } catch (e) {
    if (o.signal?.aborted) throw new CancelledError('Cancelled.');
    throw new DownloadError(`Cannot reach the Hugging Face Hub (${base}): ${errorWithCauses(e)}.`, e, 'retry');
  }
  if (res.status === 404) throw new DownloadError(`The Hub has no repository "${repo}".`);
  if (!res.ok) throw new DownloadError(`The Hub answered HTTP ${res.status} for ${repo}.`);
  const entries = (await res.json()) as Array<{ path?: string; size?: number; lfs?: { oid?: string; size?: number } }>;
  const entry = Array.isArray(entries) ? entries.find((x) => x.path === file) : undefined;
  if (!entry) {
    const ggufs = (Array.isArray(entries) ? entries : []).map((x) => x.path).filter((p) => p?.endsWith('.gguf'));
    throw new DownloadError(`${repo} has no file "${file}"${ggufs.length ? `; its GGUF files: ${ggufs.join(', ')}` : ''}.`);
  }
  const sha = entry.lfs?.oid && /^[0-9a-f]{64}$/i.test(entry.lfs.oid) ? entry.lfs.oid.toLowerCase() : null;
  const size = entry.lfs?.size ?? entry.size;
  return { url: `${base}/${repo}/resolve/main/${encodeURIComponent(file)}`, size: typeof size === 'number' && Number.isInteger(size) && size >= 0 ? size : null, sha256: sha };
}
