/**
 * `llm-compare --version` and `--help` answer without loading a sub-command (and with them the providers, the
 * bench and the HTTP server): the CLI starts about as fast as a bare node. Timings live in `npm run bench:perf`;
 * this pins the behaviour that makes them, in a fresh process so other tests' imports do not count.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(__dirname, '..', '..');

/** Runs main(argv) in a fresh node and returns which of our source files it had loaded by the end. */
async function loadedFiles(argv: string[]): Promise<{ out: string; files: string[] }> {
  const script = `
    const { main } = require('./src/cli/main');
    let out = '';
    const io = { stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (out += s) }, env: {} };
    main(${JSON.stringify(argv)}, io, async () => '').then(() => {
      const files = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(root + '/src/')})).map((f) => f.slice(${root.length + 1}));
      process.stdout.write(JSON.stringify({ out, files }));
    });`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, timeout: 20_000 });
  return JSON.parse(stdout) as { out: string; files: string[] };
}

describe('CLI start', () => {
  it('--version and --help load no sub-command', async function () {
    this.timeout(30_000);
    for (const argv of [['--version'], ['--help']]) {
      const { out, files } = await loadedFiles(argv);
      assert.ok(out.length > 0, `${argv[0]} printed something`);
      assert.deepEqual(files.filter((f) => /cli\/(commands|compare|bench|serve|models|context)\.ts$|core\/providers\/(registry|huggingface|ollama)\.ts$/.test(f)), [], argv[0]);
    }
  });

  it('a sub-command loads when it is used', async function () {
    this.timeout(30_000);
    const { out, files } = await loadedFiles(['models', '--help']);
    assert.match(out, /Usage: llm-compare models/);
    assert.ok(files.includes('src/cli/commands.ts'));
  });

  it('the built CLI is two bundles: --version runs without the sub-commands bundle, a command needs it', async function () {
    this.timeout(60_000);
    const esbuild = await import('esbuild');
    const { shakePlugins } = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-shake.mjs')).href)) as { shakePlugins: import('esbuild').Plugin[] };
    const split = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-split.mjs')).href)) as { commandsStayOutside: import('esbuild').Plugin };
    const dir = mkdtempSync(join(tmpdir(), 'llmc-cli-split-'));
    try {
      await esbuild.build({
        entryPoints: { cli: join(root, 'src', 'cli', 'main.ts'), 'cli-commands': join(root, 'src', 'cli', 'commands.ts') },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outdir: dir,
        alias: { 'jsonc-parser': join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
        plugins: [...shakePlugins, split.commandsStayOutside],
        logLevel: 'silent',
      });
      const run = (args: string[]) => promisify(execFile)(process.execPath, [join(dir, 'cli.js'), ...args], { timeout: 20_000 });
      assert.match((await run(['models', '--help'])).stdout, /Usage: llm-compare models/, 'with both bundles a command runs');
      rmSync(join(dir, 'cli-commands.js'));
      assert.match((await run(['--version'])).stdout, /^\d+\.\d+\.\d+/);
      await assert.rejects(run(['models', '--help']), /Cannot find module '\.\/cli-commands\.js'/, 'the sub-commands are not inside cli.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
