/**
 * Engine downloads against a local HTTP server standing in for the Hugging Face Hub (tree API + resolve URL),
 * serving the real tiny.gguf: progress and size, cancel, resume after a transfer cut mid-way (HTTP Range),
 * a SHA-256 mismatch refused with the partial file removed, an unwritable folder as a clear error, and
 * `llm-compare engine pull` end to end.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { downloadFile, DownloadError, type DownloadProgress } from '../../src/core/engine/download';
import { hubFile } from '../../src/core/engine/hub';
import { CancelledError } from '../../src/core/providers/errors';
import { runCli } from '../support/cli-harness';
import { sharedServersDir } from '../support/llama-server';

const REPO = 'Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF';
const FILE = 'qwen2.5-coder-0.5b-instruct-q4_k_m.gguf';

interface Stand {
  url: string;
  /** Cut the connection after this many body bytes (once), or pause there until released. */
  cutAfter: number | null;
  pauseAfter: number | null;
  /** What the tree API says the SHA-256 is. */
  sha: string;
  ranges: string[];
  close(): Promise<void>;
}

async function standIn(data: Buffer): Promise<Stand> {
  const state: Stand = { url: '', cutAfter: null, pauseAfter: null, sha: createHash('sha256').update(data).digest('hex'), ranges: [], close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === `/api/models/${REPO}/tree/main`) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify([{ type: 'file', path: 'README.md', size: 10 }, { type: 'file', path: FILE, size: data.length, oid: 'gitoid', lfs: { oid: state.sha, size: data.length, pointerSize: 134 } }]));
      return;
    }
    if (req.url !== `/${REPO}/resolve/main/${FILE}`) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    state.ranges.push(req.headers.range ?? '');
    const from = range ? Number(range[1]) : 0;
    const body = data.subarray(from);
    res.writeHead(range ? 206 : 200, { 'content-length': body.length, ...(range ? { 'content-range': `bytes ${from}-${data.length - 1}/${data.length}` } : {}) });
    const cut = state.cutAfter;
    const pause = state.pauseAfter;
    state.cutAfter = null;
    state.pauseAfter = null;
    if (cut !== null) {
      res.write(body.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 50));
    } else if (pause !== null) {
      res.write(body.subarray(0, pause)); // then hang: the client must cancel
    } else {
      res.end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return state;
}

describe('built-in engine downloads (a local stand-in for the Hub)', function () {
  this.timeout(30_000);
  const data = readFileSync(path.join(sharedServersDir() ?? '/work/shared/servers', 'tiny.gguf'));
  let stand: Stand;
  let tmp: string;
  beforeEach(async () => {
    stand = await standIn(data);
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-dl-'));
  });
  afterEach(async () => {
    await stand.close();
    chmodSync(tmp, 0o700);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the tree API gives the size and the SHA-256 (lfs.oid); a missing file lists the GGUF files', async () => {
    const f = await hubFile(REPO, FILE, { hubUrl: stand.url });
    assert.equal(f.size, data.length);
    assert.equal(f.sha256, stand.sha);
    assert.equal(f.url, `${stand.url}/${REPO}/resolve/main/${FILE}`);
    await assert.rejects(hubFile(REPO, 'other.gguf', { hubUrl: stand.url }), /has no file "other\.gguf"; its GGUF files: qwen2\.5-coder/);
  });

  it('downloads with progress up to the size and verifies the SHA-256', async () => {
    const dest = path.join(tmp, 'm.gguf');
    const seen: DownloadProgress[] = [];
    const r = await downloadFile({ url: `${stand.url}/${REPO}/resolve/main/${FILE}`, dest, sha256: stand.sha, size: data.length, onProgress: (p) => seen.push(p) });
    assert.equal(r.bytes, data.length);
    assert.deepEqual(readFileSync(dest), data);
    assert.equal(seen.at(-1)?.received, data.length);
    assert.ok(seen.every((p) => p.total === data.length));
    assert.ok(seen.length > 2, 'progress on the way, not only at the end');
    assert.equal(existsSync(`${dest}.part`), false);
  });

  it('resumes an interrupted transfer with a Range request and ends with the right file', async () => {
    const dest = path.join(tmp, 'm.gguf');
    const url = `${stand.url}/${REPO}/resolve/main/${FILE}`;
    stand.cutAfter = 200_000;
    await assert.rejects(downloadFile({ url, dest, sha256: stand.sha, size: data.length }), (e: unknown) => e instanceof DownloadError && /run it again to resume/.test(e.message));
    const kept = statSync(`${dest}.part`).size;
    assert.ok(kept > 0 && kept < data.length, `kept ${kept} bytes`);
    const r = await downloadFile({ url, dest, sha256: stand.sha, size: data.length });
    assert.equal(r.resumedFrom, kept);
    assert.equal(stand.ranges.at(-1), `bytes=${kept}-`);
    assert.deepEqual(readFileSync(dest), data);
  });

  it('cancel stops the transfer and keeps the partial file for a resume', async () => {
    const dest = path.join(tmp, 'm.gguf');
    stand.pauseAfter = 100_000;
    const aborter = new AbortController();
    const run = downloadFile({ url: `${stand.url}/${REPO}/resolve/main/${FILE}`, dest, size: data.length, signal: aborter.signal, onProgress: (p) => p.received >= 100_000 && aborter.abort() });
    await assert.rejects(run, (e: unknown) => e instanceof CancelledError);
    assert.ok(existsSync(`${dest}.part`));
    assert.equal(existsSync(dest), false);
  });

  it('a SHA-256 mismatch is refused and the partial file removed', async () => {
    const dest = path.join(tmp, 'm.gguf');
    await assert.rejects(downloadFile({ url: `${stand.url}/${REPO}/resolve/main/${FILE}`, dest, sha256: '0'.repeat(64), size: data.length }), /does not match its published SHA-256.*removed/);
    assert.equal(existsSync(dest), false);
    assert.equal(existsSync(`${dest}.part`), false);
  });

  it('an unwritable folder is a clear error', async () => {
    // A folder under a regular file cannot be made by anyone (root included, who ignores permission bits).
    const plain = path.join(tmp, 'plain');
    writeFileSync(plain, 'x');
    await assert.rejects(downloadFile({ url: `${stand.url}/${REPO}/resolve/main/${FILE}`, dest: path.join(plain, 'sub', 'm.gguf') }), (e: unknown) => e instanceof DownloadError && /Cannot write .*plain/.test(e.message));
    if (process.getuid?.() !== 0) {
      chmodSync(tmp, 0o500);
      await assert.rejects(downloadFile({ url: `${stand.url}/${REPO}/resolve/main/${FILE}`, dest: path.join(tmp, 'sub', 'm.gguf') }), /Cannot write to .*permission denied/);
    }
  });

  it('a full disk is a clear error that keeps the partial file for a resume (a real 256 KB tmpfs)', async function () {
    // Mounting needs root and a kernel that lets this process mount: skip with the reason otherwise.
    const disk = path.join(tmp, 'small-disk');
    mkdirSync(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk], { stdio: 'pipe' });
    } catch (e) {
      console.log(`      (skipped: cannot mount a small tmpfs here: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`);
      return this.skip();
    }
    try {
      const dest = path.join(disk, 'm.gguf');
      // tiny.gguf is 526 KB: the write fails part-way with ENOSPC.
      await assert.rejects(
        downloadFile({ url: `${stand.url}/${REPO}/resolve/main/${FILE}`, dest, sha256: stand.sha, size: data.length }),
        (e: unknown) => e instanceof DownloadError && /The disk is full while writing .*m\.gguf.*Free some space/.test(e.message),
      );
      assert.equal(existsSync(dest), false, 'nothing takes the final name');
      assert.ok(existsSync(`${dest}.part`), 'the partial file stays: after freeing space, the next run resumes');
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  it('`engine pull --yes` downloads the default model into the cache folder it prints, then reports it present', async () => {
    // The shared llama-server on PATH: only the model is missing.
    const env = { XDG_CACHE_HOME: tmp, HF_HUB_URL: stand.url, PATH: sharedServersDir() ?? '/work/shared/servers' };
    const run = await runCli(['engine', 'pull', '--yes'], env);
    assert.equal(run.code, 0, run.stderr);
    const dest = path.join(tmp, 'llm-compare', 'models', 'Qwen--Qwen2.5-Coder-0.5B-Instruct-GGUF', FILE);
    assert.match(run.stdout, new RegExp(`Saved .*${FILE.replace(/\./g, '\\.')}`));
    assert.match(run.stdout, /to download: 0\.5 MB/);
    assert.deepEqual(readFileSync(dest), data);
    const again = await runCli(['engine', 'pull'], env);
    assert.match(again.stdout, /was verified by SHA-256 on .* and is unchanged since/);
    assert.match(again.stdout, /Nothing to download/);
  });
});
