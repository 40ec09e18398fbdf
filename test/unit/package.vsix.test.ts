/**
 * `npm run package`, as a user or CI runs it, in a scratch copy of the repository (the production build empties
 * dist/, which the other tests read): the `.vsix` must carry the licence and the user-facing README, and vsce must
 * not stop to ask about a missing licence.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ZipFile } from '../support/zip';

const REPO = path.resolve(__dirname, '..', '..');
/** What `npm run package` reads: sources, build config, package manifest, and the files shipped beside the bundle. */
const NEEDED = ['package.json', 'package-lock.json', 'tsconfig.json', 'esbuild.config.mjs', 'scripts', '.vscodeignore', 'src', 'media', 'marketplace', 'LICENSE', 'README.md', 'CHANGELOG.md'];

describe('the packaged extension (.vsix)', function () {
  this.timeout(180_000);
  let dir = '';
  let zip: ZipFile;
  let output = '';

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'llmc-vsix-'));
    for (const f of NEEDED.filter((n) => existsSync(path.join(REPO, n)))) cpSync(path.join(REPO, f), path.join(dir, f), { recursive: true, errorOnExist: false, force: true });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    // stdin closed: were vsce to ask a question (as it does about a missing LICENSE), it would get no answer.
    const r = await promisify(execFile)('npm', ['run', 'package'], { cwd: dir, env: { ...process.env, CI: '' }, maxBuffer: 8 << 20 });
    output = `${r.stdout}\n${r.stderr}`;
    zip = new ZipFile(path.join(dir, 'dist/llm-compare.vsix'));
  });

  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('carries the MIT licence text, and vsce does not warn about a missing one', () => {
    assert.ok(zip.names().includes('extension/LICENSE.txt'), zip.names().join('\n'));
    const licence = zip.text('extension/LICENSE.txt') ?? '';
    assert.match(licence, /^MIT License/);
    assert.match(licence, /Copyright \(c\) 2026 LLM Compare contributors/);
    assert.doesNotMatch(output, /LICENSE.*not found/i);
  });

  it("ships the user's README as the details page, not the developers' one", () => {
    const readme = zip.text('extension/readme.md') ?? '';
    assert.doesNotMatch(readme, /scripts\/start\.sh|npm run|scripts\/test\.sh/, 'developer instructions in the details page');
    for (const section of ['## Install', 'Set Hugging Face API key', '## 2. Pick your models', '## 3. Use it: four ways', '## Settings', '## Privacy: what is sent where']) {
      assert.ok(readme.includes(section), `the details page lacks "${section}"`);
    }
    // Every setting the extension contributes is explained there.
    const pkg = JSON.parse(zip.text('extension/package.json') ?? '{}') as { contributes: { configuration: { properties: Record<string, unknown> } } };
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), `${key} is not in the details page`);
  });

  it('contains the bundle and nothing from the sources or tests', () => {
    const names = zip.names();
    for (const f of ['extension/dist/extension.js', 'extension/dist/webview/panel.js', 'extension/media/panel.css']) assert.ok(names.includes(f), `${f} missing`);
    assert.deepEqual(names.filter((n) => /^extension\/(src|test|node_modules|marketplace)\//.test(n) || n.endsWith('.ts') || n.endsWith('.map')), []);
  });
});
