/**
 * `llm-compare --version` and `--help` answer without loading a sub-command (and with them the providers, the
 * bench and the HTTP server): the CLI starts about as fast as a bare node. Timings live in `npm run bench:perf`;
 * this pins the behaviour that makes them, in a fresh process so other tests' imports do not count.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
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
});
