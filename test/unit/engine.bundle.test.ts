/**
 * The archive readers (yauzl for zip, modern-tar for tar.gz) are `require`d inside the install function so that they
 * load only when someone downloads the engine. Unit tests run the sources; this bundles the CLI the way
 * esbuild.config.mjs does and runs `engine pull --yes` through the bundle for both archive formats, so a bundling
 * change that loses a lazily required reader fails here rather than on a user's first set-up.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { startEngineReleaseServer } from '../support/engine-release-server';
import { sharedServersDir } from '../support/llama-server';

const root = path.resolve(__dirname, '..', '..');

describe('the bundled CLI installs the built-in engine from either archive format', function () {
  this.timeout(60_000);
  let dir = '';
  let cli = '';
  before(async function () {
    if (!sharedServersDir() || process.platform !== 'linux' || process.arch !== 'x64') return this.skip();
    dir = mkdtempSync(path.join(tmpdir(), 'llmc-engine-bundle-'));
    const { shakePlugins } = (await import(pathToFileURL(path.join(root, 'scripts', 'esbuild-shake.mjs')).href)) as { shakePlugins: esbuild.Plugin[] };
    const { commandsStayOutside } = (await import(pathToFileURL(path.join(root, 'scripts', 'esbuild-split.mjs')).href)) as { commandsStayOutside: esbuild.Plugin };
    cli = path.join(dir, 'cli.js');
    await esbuild.build({
      // The two CLI bundles, as esbuild.config.mjs makes them: the readers live in cli-commands.js.
      entryPoints: { cli: path.join(root, 'src', 'cli', 'main.ts'), 'cli-commands': path.join(root, 'src', 'cli', 'commands.ts') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      outdir: dir,
      plugins: [...shakePlugins, commandsStayOutside],
      alias: { 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
      logLevel: 'silent',
    });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const format of ['tar.gz', 'zip'] as const) {
    it(`${format}`, async () => {
      const stand = await startEngineReleaseServer({ format });
      const cache = path.join(dir, `cache-${format}`);
      try {
        const env = { PATH: '/usr/bin:/bin', HOME: dir, XDG_CACHE_HOME: cache, HF_HUB_URL: stand.hubUrl, LLM_COMPARE_LLAMACPP_RELEASES_URL: stand.releasesUrl };
        const { stdout } = await promisify(execFile)(process.execPath, [cli, 'engine', 'pull', '--yes'], { env, timeout: 50_000 });
        assert.match(stdout, /Saved llama\.cpp b4747 server for ubuntu-x64 in .* \(SHA-256 verified\)/);
        assert.ok(existsSync(path.join(cache, 'llm-compare', 'bin', 'llama-server')));
      } finally {
        await stand.close();
      }
    });
  }
});
