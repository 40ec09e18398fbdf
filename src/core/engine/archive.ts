/**
 * Unpacking a llama.cpp release archive (zip or tar.gz) into a folder, refusing any entry that would land outside it
 * (an absolute path, a `..` step, a link pointing out) and anything that is not a plain file, folder or in-folder
 * link. File modes keep their run bits (llama-server and its helpers) and nothing more (no setuid, no world-write).
 * The archive readers (yauzl for zip, modern-tar for tar) are required lazily: they load when a user downloads the
 * engine, never at activation.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, link, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { DownloadError } from './download';
import type { ArchiveFormat } from './release';

/** More than any CPU build needs (tens of MB), far less than a decompression bomb would write. */
const MAX_UNPACKED_BYTES = 2 * 1024 ** 3;

/** An archive entry that would escape the folder, or is of a kind a release never contains. */
export class UnsafeArchiveError extends DownloadError {}

type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

/** Unpacks `archive` into `dest` (which must be empty or absent); returns the relative paths written. */
export async function extractArchive(archive: string, format: ArchiveFormat, dest: string): Promise<string[]> {
  await mkdir(dest, { recursive: true });
  const sink = new Sink(dest);
  if (format === 'zip') await readZip(archive, sink);
  else await readTarGz(archive, sink);
  return sink.written;
}

/** Where an entry named `name` goes inside `root`, or an UnsafeArchiveError. Exported for its tests. */
export function entryTarget(root: string, name: string): string {
  const clean = name.replace(/\\/g, '/');
  if (clean.includes('\0') || clean.startsWith('/') || /^[A-Za-z]:/.test(clean) || clean.split('/').includes('..')) {
    throw new UnsafeArchiveError(`The engine archive holds an unsafe entry "${printable(name)}" (it would be written outside its folder); nothing was installed.`);
  }
  const target = path.resolve(root, clean);
  if (!isInside(root, target)) throw new UnsafeArchiveError(`The engine archive holds an unsafe entry "${printable(name)}"; nothing was installed.`);
  return target;
}

class Sink {
  readonly written: string[] = [];
  private bytes = 0;
  constructor(private readonly root: string) {}

  async add(name: string, kind: EntryKind, mode: number | null, linkTarget: string, content: () => Promise<Readable>): Promise<void> {
    const target = entryTarget(this.root, name);
    if (target === path.resolve(this.root)) return; // "./" itself
    if (kind === 'other') throw new UnsafeArchiveError(`The engine archive holds "${printable(name)}", which is neither a file, a folder nor a link; nothing was installed.`);
    await mkdir(path.dirname(target), { recursive: true });
    if (kind === 'directory') {
      await mkdir(target, { recursive: true });
      return;
    }
    if (kind === 'symlink' || kind === 'hardlink') {
      // A symlink resolves from its own folder, a hard link from the archive's root; either must stay inside.
      const pointsTo = kind === 'symlink' ? path.resolve(path.dirname(target), linkTarget) : entryTarget(this.root, linkTarget);
      if (path.isAbsolute(linkTarget) || !isInside(this.root, pointsTo)) {
        throw new UnsafeArchiveError(`The engine archive holds a link "${printable(name)}" pointing outside its folder ("${printable(linkTarget)}"); nothing was installed.`);
      }
      if (kind === 'symlink') await symlink(linkTarget, target);
      else await link(pointsTo, target);
      this.written.push(path.relative(this.root, target));
      return;
    }
    const out = createWriteStream(target, { flags: 'wx' });
    const counter = async function* (this: Sink, source: Readable) {
      for await (const chunk of source) {
        this.bytes += (chunk as Buffer).length;
        if (this.bytes > MAX_UNPACKED_BYTES) throw new UnsafeArchiveError(`The engine archive unpacks to more than ${MAX_UNPACKED_BYTES / 1024 ** 3} GB; refused, nothing was installed.`);
        yield chunk as Buffer;
      }
    }.bind(this);
    await pipeline(await content(), counter, out);
    // Keep only the run bits: 0755 for what was executable, 0644 for the rest.
    await chmod(target, mode !== null && (mode & 0o111) !== 0 ? 0o755 : 0o644);
    this.written.push(path.relative(this.root, target));
  }
}

async function readTarGz(archive: string, sink: Sink): Promise<void> {
  const { createTarDecoder } = require('modern-tar') as typeof import('modern-tar');
  // Web streams end to end, so that cancelling the entries closes the gunzip and the file too. Strict: a bad header
  // checksum or a truncated archive is an error, never a quietly shorter install.
  const file = Readable.toWeb(createReadStream(archive)) as unknown as ReadableStream<BufferSource>;
  const entries = file.pipeThrough(new DecompressionStream('gzip')).pipeThrough(createTarDecoder({ strict: true })).getReader();
  try {
    for (let next = await entries.read(); !next.done; next = await entries.read()) {
      const { header: h, body } = next.value;
      const kind: EntryKind = h.type === 'file' ? 'file' : h.type === 'directory' ? 'directory' : h.type === 'symlink' ? 'symlink' : h.type === 'link' ? 'hardlink' : 'other';
      try {
        await sink.add(h.name, kind, h.mode ?? null, h.linkname ?? '', async () => Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>));
      } finally {
        // A body not read (a folder, a link, a refused entry) must still be let go of before the next header.
        await body.cancel().catch(() => undefined);
      }
    }
  } catch (e) {
    await entries.cancel().catch(() => undefined);
    throw asArchiveError(e, archive);
  }
}

async function readZip(archive: string, sink: Sink): Promise<void> {
  const yauzl = require('yauzl') as typeof import('yauzl');
  let zip: import('yauzl').ZipFile;
  try {
    zip = await new Promise((resolve, reject) => yauzl.open(archive, { lazyEntries: true, autoClose: true }, (e, z) => (e ? reject(e) : resolve(z))));
  } catch (e) {
    throw asArchiveError(e, archive);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: import('yauzl').Entry) => {
        // Unix modes live in the upper half of the external attributes when the zip was made on Unix (version 3).
        const unix = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
        const type = unix & 0o170000;
        const kind: EntryKind = entry.fileName.endsWith('/') || type === 0o040000 ? 'directory' : type === 0o120000 ? 'symlink' : type === 0 || type === 0o100000 ? 'file' : 'other';
        const open = () => new Promise<Readable>((res, rej) => zip.openReadStream(entry, (e, s) => (e ? rej(e) : res(s))));
        const linkTarget = kind === 'symlink' ? open().then(readAll) : Promise.resolve('');
        linkTarget
          .then((to) => sink.add(entry.fileName, kind, unix ? unix & 0o7777 : null, to, open))
          .then(() => zip.readEntry(), (e) => {
            zip.close();
            reject(e);
          });
      });
      zip.readEntry();
    });
  } catch (e) {
    throw asArchiveError(e, archive);
  }
}

async function readAll(s: Readable): Promise<string> {
  let text = '';
  for await (const chunk of s) text += (chunk as Buffer).toString('utf8');
  return text;
}

function asArchiveError(e: unknown, archive: string): DownloadError {
  if (e instanceof DownloadError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new DownloadError(`The disk is full while unpacking ${path.basename(archive)}. Free some space and run the setup again.`, e);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new DownloadError(`Cannot write the engine's files: permission denied (${(e as Error).message}).`, e);
  // yauzl refuses some unsafe names itself ("invalid relative path", "absolute path"): the same refusal as ours.
  if (/relative path|absolute path/i.test((e as Error).message)) return new UnsafeArchiveError(`The engine archive holds an unsafe entry (${(e as Error).message}); nothing was installed.`, e);
  return new DownloadError(`The engine archive ${path.basename(archive)} could not be unpacked: ${(e as Error).message}. Run the setup again to download it anew.`, e);
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(path.resolve(root), target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}
