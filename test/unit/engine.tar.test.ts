/**
 * The tar.gz reader (modern-tar, strict) on archives made by another implementation (tar-stream): what a release
 * holds is installed as it was meant (run bits, in-folder hard links, names longer than the 100 bytes of a plain
 * header), and what no release holds is refused: devices and pipes, a truncated archive, a damaged header.
 */
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DownloadError } from '../../src/core/engine/download';
import { extractArchive, UnsafeArchiveError } from '../../src/core/engine/archive';
import { tarOf } from '../support/engine-release-server';

describe('built-in engine: the tar.gz reader', () => {
  let tmp = '';
  beforeEach(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-tar-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  async function extract(tarBytes: Buffer): Promise<{ written: string[] | null; error: unknown; dest: string }> {
    const archive = path.join(tmp, 'release.tar.gz');
    writeFileSync(archive, gzipSync(tarBytes));
    const dest = path.join(tmp, 'out');
    return extractArchive(archive, 'tar.gz', dest).then(
      (written) => ({ written, error: null, dest }),
      (error: unknown) => ({ written: null, error, dest }),
    );
  }

  it('installs files with their run bits only, folders, in-folder hard links and long names', async () => {
    const longName = `llama-b1/${'very-long-folder-name/'.repeat(8)}libggml-cpu-haswell.so`;
    const { written, error, dest } = await extract(await tarOf([
      { name: 'llama-b1/', type: 'directory' },
      { name: 'llama-b1/llama-server', mode: 0o4755, content: '#!/bin/sh\n' },
      { name: 'llama-b1/LICENSE', mode: 0o666, content: 'MIT' },
      { name: 'llama-b1/llama-cli', type: 'link', linkname: 'llama-b1/llama-server' },
      { name: longName, content: 'long' },
    ]));
    assert.equal(error, null, String(error));
    assert.ok(longName.length > 100);
    assert.deepEqual([...written!].sort(), ['llama-b1/LICENSE', 'llama-b1/llama-cli', 'llama-b1/llama-server', longName].sort());
    assert.equal(statSync(path.join(dest, 'llama-b1/llama-server')).mode & 0o7777, 0o755, 'run bits kept, setuid dropped');
    assert.equal(statSync(path.join(dest, 'llama-b1/LICENSE')).mode & 0o7777, 0o644, 'no world-write');
    const server = lstatSync(path.join(dest, 'llama-b1/llama-server'));
    assert.equal(lstatSync(path.join(dest, 'llama-b1/llama-cli')).ino, server.ino, 'a hard link, not a copy');
    assert.equal(readFileSync(path.join(dest, longName), 'utf8'), 'long');
  });

  for (const type of ['fifo', 'character-device'] as const) {
    it(`refuses a ${type} entry`, async () => {
      const { error } = await extract(await tarOf([{ name: 'llama-b1/llama-server', content: 'x' }, { name: 'llama-b1/odd', type }]));
      assert.ok(error instanceof UnsafeArchiveError, String(error));
      assert.match((error as Error).message, /neither a file, a folder nor a link/);
    });
  }

  it('refuses a truncated archive instead of installing part of it', async () => {
    const whole = await tarOf([{ name: 'llama-b1/llama-server', content: 'x'.repeat(5000) }, { name: 'llama-b1/LICENSE', content: 'MIT' }]);
    const { error } = await extract(whole.subarray(0, 512 + 2048));
    assert.ok(error instanceof DownloadError, String(error));
    assert.match((error as Error).message, /could not be unpacked/);
  });

  it('refuses a header whose checksum does not match', async () => {
    const bytes = Buffer.from(await tarOf([{ name: 'llama-b1/llama-server', content: 'x' }]));
    bytes[0] = 'L'.charCodeAt(0); // the first letter of the name, not counted in the stored checksum
    const { error, dest } = await extract(bytes);
    assert.ok(error instanceof DownloadError, String(error));
    assert.deepEqual(readdirSync(dest), [], 'nothing written');
  });
});
