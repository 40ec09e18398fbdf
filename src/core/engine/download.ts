/**
 * Downloads for the built-in engine (GGUF models from the Hub): progress with the size, cancel by AbortSignal,
 * resume of an interrupted transfer with an HTTP Range request, SHA-256 verified before the file takes its name
 * (a mismatch removes the partial file), and file-system failures (unwritable folder, disk full) as clear errors.
 * The partial download is `<dest>.part`; only a verified file is ever renamed to `dest`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, LlmError, type FixAction } from '../providers/errors';

export interface DownloadProgress {
  received: number;
  /** Bytes in all; null when neither the caller nor the server said. */
  total: number | null;
  /** Bytes already on disk from an earlier, interrupted attempt. */
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  dest: string;
  /** Expected SHA-256 (hex); the file is refused, and the partial removed, when it differs. */
  sha256?: string;
  size?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  headers?: Record<string, string>;
}

export class DownloadError extends LlmError {
  override readonly name = 'DownloadError';
  constructor(message: string, cause?: unknown, fix?: FixAction) {
    super('unknown', message, { cause, ...(fix ? { fix } : {}) });
  }
}

export async function downloadFile(o: DownloadOptions): Promise<{ path: string; bytes: number; resumedFrom: number }> {
  const part = `${o.dest}.part`;
  try {
    await mkdir(path.dirname(o.dest), { recursive: true });
  } catch (e) {
    throw fsError(e, path.dirname(o.dest));
  }
  const have = await stat(part).then((s) => s.size, () => 0);
  const hash = createHash('sha256');
  const headers: Record<string, string> = { ...o.headers };
  if (have > 0) headers.range = `bytes=${have}-`;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.url, { headers, signal: o.signal });
  } catch (e) {
    if (o.signal?.aborted) throw new CancelledError('Download cancelled; run it again to resume.');
    throw new DownloadError(`Cannot reach ${safe(o.url)}: ${(e as Error).message}.`, e);
  }
  let resumedFrom = 0;
  if (res.status === 206 && have > 0) {
    resumedFrom = have;
    for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
  } else if (res.status === 416 && have > 0) {
    // Nothing left to send: the partial file is whole; verify it below.
    resumedFrom = have;
    for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
  } else if (!res.ok) {
    throw new DownloadError(`Download of ${safe(o.url)} failed: HTTP ${res.status}.`);
  }
  const length = Number(res.headers.get('content-length'));
  const total = o.size ?? (res.status === 200 && Number.isFinite(length) && length > 0 ? length : res.status === 206 && Number.isFinite(length) ? have + length : null);
  let received = resumedFrom;
  o.onProgress?.({ received, total, resumedFrom });
  if (res.status !== 416 && res.body) {
    const out = createWriteStream(part, { flags: resumedFrom > 0 ? 'a' : 'w' });
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => undefined);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        received += chunk.length;
        if (!out.write(chunk)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
        o.onProgress?.({ received, total, resumedFrom });
      }
      await Promise.race([new Promise<void>((r) => out.end(() => r())), failed]);
    } catch (e) {
      out.destroy();
      if (o.signal?.aborted) throw new CancelledError(`Download cancelled after ${received} bytes; run it again to resume.`);
      if ((e as NodeJS.ErrnoException).code) throw fsError(e, part);
      throw new DownloadError(`Download of ${safe(o.url)} broke off after ${received} bytes; run it again to resume.`, e);
    }
  }
  if (total !== null && received !== total) throw new DownloadError(`Download of ${safe(o.url)} ended after ${received} of ${total} bytes; run it again to resume.`);
  const digest = hash.digest('hex');
  if (o.sha256 && digest !== o.sha256.toLowerCase()) {
    await rm(part, { force: true });
    throw new DownloadError(`The file from ${safe(o.url)} does not match its published SHA-256 (expected ${o.sha256}, got ${digest}); it was removed. Try again; if it persists, the source changed.`);
  }
  await rename(part, o.dest);
  return { path: o.dest, bytes: received, resumedFrom };
}

/** A file-system failure while writing `where`, as the user's words (permission, full disk, or the code). */
export function fsError(e: unknown, where: string): DownloadError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new DownloadError(`Cannot write to ${where}: permission denied. Choose a writable folder (XDG_CACHE_HOME for the CLI).`, e);
  if (code === 'ENOSPC') return new DownloadError(`The disk is full while writing ${where}. Free some space and run the download again to resume.`, e);
  return new DownloadError(`Cannot write ${where}: ${code ?? (e as Error).message}.`, e);
}

function safe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'the download URL';
  }
}
