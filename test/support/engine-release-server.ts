/**
 * A local stand-in for the two places the built-in engine downloads from: GitHub's release API (`…/releases/latest`,
 * `…/releases/tags/<tag>`) with one release whose assets are archives holding the REAL ../shared/servers/llama-server,
 * and the Hugging Face Hub (tree API + `resolve/main/<file>`) serving the REAL tiny.gguf under any repo/file name
 * asked for, with its true size and SHA-256 (`lfs.oid`). Both download URLs honour HTTP Range (resume), and a test
 * can cut or pause the next transfer. Point the core at it with HF_HUB_URL=<hubUrl> and
 * LLM_COMPARE_LLAMACPP_RELEASES_URL=<releasesUrl>.
 *
 * CLI (for the e2e harness): `npx tsx test/support/engine-release-server.ts` prints one JSON line
 * `{"hubUrl":…,"releasesUrl":…,"asset":…,"model":…}` and serves until killed or until its parent process is gone
 * (ENGINE_STAND_IN_FORMAT=zip serves a zip instead of a tar.gz). Killing `npx` alone does not reach it: prefer
 * `node -r tsx/cjs test/support/engine-release-server.ts`, or kill the process group.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_ENGINE_MODEL_FILE } from '../../src/core/engine/engine-settings';
import { releasePlatform } from '../../src/core/engine/release';
import { sharedServersDir } from './llama-server';

/** An extra archive entry (e.g. a hostile one for the traversal tests). */
export interface ExtraEntry {
  name: string;
  /** `link` (a hard link), `fifo` and `character-device`: tar only. */
  type?: 'file' | 'symlink' | 'directory' | 'link' | 'fifo' | 'character-device';
  content?: string;
  linkname?: string;
  mode?: number;
}

export interface EngineReleaseServerOptions {
  tag?: string;
  format?: 'tar.gz' | 'zip';
  /** Where llama-server sits in the archive: `llama-<tag>/` (today's tarballs), `build/bin/` (older zips), or flat. */
  layout?: 'versioned' | 'build-bin' | 'flat';
  /** Platform words that get an asset (default: this machine's, plus the other official ones). */
  platforms?: string[];
  /** The asset's `digest`: the true SHA-256, none (older releases), or a wrong one. */
  digest?: 'right' | 'none' | 'wrong';
  /** The Hub's `lfs.oid` for the model: the true SHA-256, none, or a wrong one. */
  modelSha?: 'right' | 'none' | 'wrong';
  extraEntries?: ExtraEntry[];
  /** Leave the llama-server binary out of the archive. */
  omitBinary?: boolean;
  /** The GGUF file name every Hub repository lists (tiny.gguf's bytes); default the engine's default file. */
  modelFile?: string;
}

export interface EngineReleaseServer {
  hubUrl: string;
  releasesUrl: string;
  /** Every request's method and path, in order. */
  requests: string[];
  /** The archive served and its facts, for assertions. */
  asset: { name: string; bytes: number; sha256: string };
  model: { bytes: number; sha256: string };
  /** Cut the next transfer of `what` after this many body bytes (the connection drops), or pause there (hangs). */
  interrupt(what: 'asset' | 'model', how: 'cut' | 'pause', afterBytes: number): void;
  close(): Promise<void>;
}

const ALL_PLATFORMS = ['ubuntu-x64', 'ubuntu-vulkan-x64', 'ubuntu-arm64', 'macos-arm64', 'macos-x64', 'win-cpu-x64', 'win-cuda-12.4-x64'];

export async function startEngineReleaseServer(o: EngineReleaseServerOptions = {}): Promise<EngineReleaseServer> {
  const dir = sharedServersDir();
  if (!dir) throw new Error('../shared/servers (llama-server, tiny.gguf) not found');
  const tag = o.tag ?? 'b4747';
  const format = o.format ?? 'tar.gz';
  const archive = await buildArchive(dir, tag, format, o.layout ?? (format === 'zip' ? 'build-bin' : 'versioned'), o.extraEntries ?? [], o.omitBinary ?? false);
  const model = readFileSync(path.join(dir, 'tiny.gguf'));
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const assetSha = sha(archive);
  const modelSha = sha(model);
  const platforms = o.platforms ?? [...new Set([releasePlatform() ?? 'ubuntu-x64', ...ALL_PLATFORMS])];
  const ext = format === 'zip' ? 'zip' : 'tar.gz';
  const assetName = (p: string) => `llama-${tag}-bin-${p}.${ext}`;
  const hubFileName = o.modelFile ?? DEFAULT_ENGINE_MODEL_FILE;
  const requests: string[] = [];
  const interrupts = new Map<'asset' | 'model', { how: 'cut' | 'pause'; after: number }>();
  let base = '';

  const release = () => ({
    tag_name: tag,
    name: tag,
    assets: [
      ...platforms.map((p) => ({
        name: assetName(p),
        size: archive.length,
        content_type: format === 'zip' ? 'application/zip' : 'application/gzip',
        browser_download_url: `${base}/download/${tag}/${assetName(p)}`,
        ...(o.digest === 'none' ? { digest: null } : { digest: `sha256:${o.digest === 'wrong' ? sha(Buffer.from('not the archive')) : assetSha}` }),
      })),
      { name: `llama-${tag}-xcframework.zip`, size: 1, browser_download_url: `${base}/download/${tag}/xcframework.zip`, digest: null },
    ],
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/releases/latest' || url.pathname === `/releases/tags/${tag}`) return json(200, release());
    if (url.pathname.startsWith('/releases/')) return json(404, { message: 'Not Found' });
    const assetMatch = /^\/download\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (assetMatch && platforms.some((p) => assetName(p) === decodeURIComponent(assetMatch[2]))) return sendBytes(req, res, archive, interrupts, 'asset');
    const tree = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/main$/.exec(url.pathname);
    if (tree) {
      return json(200, [
        { type: 'file', path: '.gitattributes', size: 1519, oid: 'a'.repeat(40) },
        { type: 'file', path: 'README.md', size: 42, oid: 'b'.repeat(40) },
        { type: 'file', path: hubFileName, size: model.length, oid: 'c'.repeat(40), ...(o.modelSha === 'none' ? {} : { lfs: { oid: o.modelSha === 'wrong' ? '0'.repeat(64) : modelSha, size: model.length, pointerSize: 135 } }) },
      ]);
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(url.pathname);
    if (resolve && decodeURIComponent(resolve[2]) === hubFileName) return sendBytes(req, res, model, interrupts, 'model');
    json(404, { error: 'not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    hubUrl: base,
    releasesUrl: `${base}/releases`,
    requests,
    asset: { name: assetName(platforms[0]), bytes: archive.length, sha256: assetSha },
    model: { bytes: model.length, sha256: modelSha },
    interrupt: (what, how, after) => void interrupts.set(what, { how, after }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function sendBytes(req: IncomingMessage, res: ServerResponse, data: Buffer, interrupts: Map<'asset' | 'model', { how: 'cut' | 'pause'; after: number }>, what: 'asset' | 'model'): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const from = range ? Number(range[1]) : 0;
  if (from >= data.length && range) {
    res.writeHead(416, { 'content-range': `bytes */${data.length}` });
    res.end();
    return;
  }
  const body = data.subarray(from);
  res.writeHead(range ? 206 : 200, {
    'content-type': 'application/octet-stream',
    'content-length': body.length,
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': `bytes ${from}-${data.length - 1}/${data.length}` } : {}),
  });
  const once = interrupts.get(what);
  interrupts.delete(what);
  if (req.method === 'HEAD') return void res.end();
  if (once?.how === 'cut') res.write(body.subarray(0, once.after), () => setTimeout(() => res.socket?.destroy(), 50));
  else if (once?.how === 'pause') res.write(body.subarray(0, once.after)); // then hang: the client must cancel
  else res.end(body);
}

const archiveCache = new Map<string, Buffer>();

async function buildArchive(dir: string, tag: string, format: 'tar.gz' | 'zip', layout: 'versioned' | 'build-bin' | 'flat', extra: ExtraEntry[], omitBinary: boolean): Promise<Buffer> {
  const key = JSON.stringify([dir, tag, format, layout, extra, omitBinary]);
  const cached = archiveCache.get(key);
  if (cached) return cached;
  const folder = layout === 'versioned' ? `llama-${tag}/` : layout === 'build-bin' ? 'build/bin/' : '';
  const entries: ExtraEntry[] = [
    ...(omitBinary ? [] : [{ name: `${folder}llama-server`, mode: 0o755 }]),
    { name: `${folder}LICENSE-llama.cpp`, mode: 0o644 },
    ...extra,
  ];
  const bytesOf = (e: ExtraEntry) => (e.content !== undefined ? Buffer.from(e.content) : readFileSync(path.join(dir, path.basename(e.name))));
  const out = format === 'zip' ? zipOf(entries, bytesOf) : await tarGzOf(entries, bytesOf);
  archiveCache.set(key, out);
  return out;
}

async function tarGzOf(entries: ExtraEntry[], bytesOf: (e: ExtraEntry) => Buffer): Promise<Buffer> {
  return gzipSync(await tarOf(entries, bytesOf), { level: 1 });
}

/** The uncompressed tar bytes of `entries`, written by tar-stream (an implementation other than the one we read with). */
export async function tarOf(entries: ExtraEntry[], bytesOf: (e: ExtraEntry) => Buffer = (e) => Buffer.from(e.content ?? '')): Promise<Buffer> {
  const tar = require('tar-stream') as typeof import('tar-stream');
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') pack.entry({ name: e.name, mode: e.mode ?? 0o644 }, bytesOf(e));
    else pack.entry({ name: e.name, type, linkname: e.linkname, mode: e.mode ?? 0o755 });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

function zipOf(entries: ExtraEntry[], bytesOf: (e: ExtraEntry) => Buffer): Buffer {
  const { zipSync } = require('fflate') as typeof import('fflate');
  const files: Record<string, [Uint8Array, { os: number; attrs: number; level: 0 | 1 }]> = {};
  for (const e of entries) {
    const type = e.type ?? 'file';
    const unixType = type === 'symlink' ? 0o120000 : type === 'directory' ? 0o040000 : 0o100000;
    const data = type === 'symlink' ? Buffer.from(e.linkname ?? '') : type === 'directory' ? Buffer.alloc(0) : bytesOf(e);
    files[type === 'directory' && !e.name.endsWith('/') ? `${e.name}/` : e.name] = [data, { os: 3, attrs: (unixType | (e.mode ?? 0o644)) * 65536, level: 1 }];
  }
  return Buffer.from(zipSync(files));
}

if (require.main === module) {
  void startEngineReleaseServer({ format: (process.env.ENGINE_STAND_IN_FORMAT as 'zip' | 'tar.gz' | undefined) ?? 'tar.gz' }).then((s) => {
    process.stdout.write(JSON.stringify({ hubUrl: s.hubUrl, releasesUrl: s.releasesUrl, asset: s.asset, model: s.model }) + '\n');
    const stop = () => void s.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    // `npx` does not pass a kill on to its child: when the process that started this one is gone, stop too.
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop(), 1000).unref();
  });
}
