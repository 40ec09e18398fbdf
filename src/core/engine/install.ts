/**
 * Installing a downloaded llama.cpp release: unpack into a fresh folder beside the cache's `bin/`, find the folder
 * that holds llama-server (the release's own layout varies: flat, `build/bin/`, `llama-<tag>/`), note what was
 * installed, then swap it in with renames — a failed or cancelled install never leaves a half-filled `bin/`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractArchive } from './archive';
import { DownloadError } from './download';
import { BINARY_NAME } from './locate';
import type { ReleaseAsset } from './release';

/** Written into `bin/` beside llama-server: which release it is, and how its archive was checked. */
export const RELEASE_NOTE = 'llama-cpp-release.json';

export interface InstalledRelease {
  tag: string;
  asset: string;
  url: string;
  /** How the archive was checked: its published SHA-256, or (none published) its size only. */
  verifiedBy: 'sha256' | 'size';
  archiveSha256: string | null;
  /** SHA-256 of the installed llama-server, so a later `engine pull` can re-verify it. */
  binarySha256: string;
  installedAt: string;
}

/** Unpacks `archive` and makes it `<cacheDir>/bin`. Returns the installed llama-server's path. */
export async function installRelease(archive: string, asset: ReleaseAsset, verifiedBy: 'sha256' | 'size', cacheDir: string): Promise<string> {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(cacheDir, `bin.new-${suffix}`);
  const old = path.join(cacheDir, `bin.old-${suffix}`);
  const bin = path.join(cacheDir, 'bin');
  try {
    await extractArchive(archive, asset.format, staging);
    const folder = await folderWith(staging, BINARY_NAME, 4);
    if (!folder) throw new DownloadError(`The llama.cpp archive ${asset.name} holds no ${BINARY_NAME}; nothing was installed. Set engine.releaseTag to another release, or engine.binaryPath.`);
    const binary = path.join(folder, BINARY_NAME);
    // A zip made on Windows carries no Unix modes: the server itself must run whatever the archive said.
    if (process.platform !== 'win32') await chmod(binary, statSync(binary).mode | 0o755);
    const note: InstalledRelease = {
      tag: asset.tag,
      asset: asset.name,
      url: asset.url,
      verifiedBy,
      archiveSha256: asset.sha256,
      binarySha256: await sha256Of(binary),
      installedAt: new Date().toISOString(),
    };
    await writeFile(path.join(folder, RELEASE_NOTE), JSON.stringify(note, null, 2) + '\n');
    const hadOld = existsSync(bin);
    if (hadOld) await rename(bin, old);
    try {
      await rename(folder, bin);
    } catch (e) {
      if (hadOld) await rename(old, bin).catch(() => undefined);
      throw e;
    }
    return path.join(bin, BINARY_NAME);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/** What `bin/llama-cpp-release.json` says, or null (no download here, or unreadable). */
export function installedRelease(cacheDir: string): InstalledRelease | null {
  try {
    const note = JSON.parse(readFileSync(path.join(cacheDir, 'bin', RELEASE_NOTE), 'utf8')) as InstalledRelease;
    return typeof note.tag === 'string' && typeof note.binarySha256 === 'string' ? note : null;
  } catch {
    return null;
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The shallowest folder under `root` (breadth first, `depth` levels) holding a regular file named `name`. */
async function folderWith(root: string, name: string, depth: number): Promise<string | null> {
  let level = [root];
  for (let d = 0; d <= depth && level.length > 0; d++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = await readdir(dir, { withFileTypes: true });
      if (entries.some((e) => e.name === name && e.isFile())) return dir;
      for (const e of entries) if (e.isDirectory()) next.push(path.join(dir, e.name));
    }
    level = next.sort();
  }
  return null;
}
