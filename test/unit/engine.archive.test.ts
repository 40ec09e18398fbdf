/**
 * A downloaded release archive is untrusted input: an entry that would land outside the install folder (a `..` step,
 * an absolute path, a link pointing out) is refused, the whole install with it, and nothing is written outside.
 * Links that stay inside (a `.so` pointing at its versioned file) are kept.
 */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { entryTarget, UnsafeArchiveError } from '../../src/core/engine/archive';
import { defaultEngineSettings } from '../../src/core/engine/engine-settings';
import { planEngineSetup, runEngineSetup } from '../../src/core/engine/setup';
import { startEngineReleaseServer, type EngineReleaseServer, type ExtraEntry } from '../support/engine-release-server';
import { sharedServersDir } from '../support/llama-server';

const dir = sharedServersDir();

describe('built-in engine: unsafe release archives are refused', function () {
  this.timeout(60_000);
  let tmp = '';
  let stand: EngineReleaseServer | null = null;
  before(function () {
    if (!dir || process.platform !== 'linux' || process.arch !== 'x64') this.skip();
  });
  beforeEach(() => {
    // The cache sits two levels down, so "../" entries have somewhere to escape to that the test can look at.
    tmp = mkdtempSync(path.join(tmpdir(), 'llmc-archive-'));
  });
  afterEach(async () => {
    await stand?.close();
    stand = null;
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Installs from an archive with `extra` entries; resolves the error (or null) and what landed in tmp. */
  async function installWith(format: 'tar.gz' | 'zip', extra: ExtraEntry[]): Promise<{ error: unknown; tmpEntries: string[]; cache: string }> {
    stand = await startEngineReleaseServer({ format, layout: 'versioned', extraEntries: extra });
    const cache = path.join(tmp, 'a', 'cache');
    const host = { cacheDir: cache, env: { PATH: '', HF_HUB_URL: stand.hubUrl, LLM_COMPARE_LLAMACPP_RELEASES_URL: stand.releasesUrl } };
    const plan = await planEngineSetup({ ...defaultEngineSettings(), modelPath: path.join(dir!, 'tiny.gguf') }, host);
    const error = await runEngineSetup(plan, host).then(() => null, (e: unknown) => e);
    return { error, tmpEntries: readdirSync(tmp), cache };
  }

  for (const format of ['tar.gz', 'zip'] as const) {
    it(`${format}: an entry with "../" steps is refused; nothing installed, nothing written outside`, async () => {
      const { error, tmpEntries, cache } = await installWith(format, [{ name: 'llama-b4747/../../../escaped.txt', content: 'pwned' }]);
      assert.ok(error instanceof UnsafeArchiveError, String(error));
      assert.match((error as Error).message, /unsafe entry.*nothing was installed/);
      assert.deepEqual(tmpEntries, ['a'], 'nothing beside the cache');
      assert.equal(existsSync(path.join(cache, 'bin')), false);
      assert.deepEqual(readdirSync(cache).filter((n) => n.startsWith('bin.')), [], 'no staging folder left');
    });

    it(`${format}: a link pointing outside the folder is refused`, async () => {
      const { error, cache } = await installWith(format, [{ name: 'llama-b4747/libevil.so', type: 'symlink', linkname: '../../../../etc/passwd' }]);
      assert.ok(error instanceof UnsafeArchiveError, String(error));
      assert.match((error as Error).message, /pointing outside its folder/);
      assert.equal(existsSync(path.join(cache, 'bin')), false);
    });
  }

  it('tar.gz: an absolute entry name is refused', async () => {
    const { error } = await installWith('tar.gz', [{ name: path.join(tmp, 'absolute.txt'), content: 'pwned' }]);
    assert.ok(error instanceof UnsafeArchiveError, String(error));
    assert.equal(existsSync(path.join(tmp, 'absolute.txt')), false);
  });

  it('a link that stays inside (libllama.so → libllama.so.1) is kept as a link', async () => {
    const { error, cache } = await installWith('tar.gz', [
      { name: 'llama-b4747/libllama.so.1', content: 'not a real library' },
      { name: 'llama-b4747/libllama.so', type: 'symlink', linkname: 'libllama.so.1' },
    ]);
    assert.equal(error, null);
    const link = path.join(cache, 'bin', 'libllama.so');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), 'libllama.so.1');
  });

  it('entry names: the guard itself', () => {
    const root = path.join(tmp, 'root');
    assert.equal(entryTarget(root, 'llama-b1/llama-server'), path.join(root, 'llama-b1', 'llama-server'));
    assert.equal(entryTarget(root, './a/./b'), path.join(root, 'a', 'b'));
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/Windows/x', 'a\\..\\..\\x', 'a/\0b']) {
      assert.throws(() => entryTarget(root, bad), UnsafeArchiveError, bad);
    }
  });
});
