/**
 * The activation shell (issue 12): activating loads dist/extension.js only; every contributed command, the views,
 * the restorable tabs and our chat models are stand-ins that load the features on first use and hand over to them.
 * Builds both bundles as esbuild.config.mjs does and runs them in a child process against a stand-in `vscode` that
 * records what is registered (and, like VS Code, refuses a command id registered twice): test/support/shell-probe.cjs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(__dirname, '..', '..');
interface Contributed {
  contributes: { commands: Array<{ command: string }> };
}

interface Report {
  error?: string;
  atActivation: { commands: string[]; views: string[]; chatVendors: string[]; featuresLoaded: boolean };
  afterCommand: { featuresLoaded: boolean; lastExecuted: { id: string; args: unknown[] }; replaced: boolean; commands: string[] };
  delegated: { viewHtml: string; chatModelsIsArray: boolean };
}

describe('activation shell', () => {
  let dir: string;
  let report: Report;

  before(async function () {
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'llm-compare-shell-'));
    const shake = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-shake.mjs')).href)) as { shakePlugins: esbuild.Plugin[]; plainVscodeRequire: esbuild.Plugin };
    const split = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-split.mjs')).href)) as { featuresStayOutside: esbuild.Plugin; nothingLoadedTwice: (shell: string, rest: string, mayShare: RegExp) => esbuild.Plugin; extensionMayShare: RegExp };
    await esbuild.build({
      entryPoints: { extension: join(root, 'src', 'extension.ts'), features: join(root, 'src', 'vscode', 'features.ts') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outdir: dir,
      external: ['vscode'],
      metafile: true,
      alias: { 'jsonc-parser': join(root, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
      plugins: [...shake.shakePlugins, shake.plainVscodeRequire, split.featuresStayOutside, split.nothingLoadedTwice('extension', 'features', split.extensionMayShare)],
      logLevel: 'silent',
    });
    writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
    const out = execFileSync(process.execPath, [join(root, 'test', 'support', 'shell-probe.cjs'), dir, root], { encoding: 'utf8', timeout: 30_000 });
    report = JSON.parse(out) as Report;
    assert.equal(report.error, undefined, report.error);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('activating registers a stand-in for every contributed command, the views and our chat models, and loads no feature', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Contributed;
    assert.deepEqual([...report.atActivation.commands].sort(), pkg.contributes.commands.map((c) => c.command).sort());
    assert.ok(report.atActivation.views.includes('llmCompare.compareView'));
    assert.deepEqual(report.atActivation.chatVendors, ['llm-compare']);
    assert.equal(report.atActivation.featuresLoaded, false, 'dist/features.js was loaded at activation');
  });

  it("a command's first run loads the features, which take its id over, and runs it with its arguments", () => {
    assert.equal(report.afterCommand.featuresLoaded, true);
    assert.deepEqual(report.afterCommand.lastExecuted, { id: 'llmCompare.showLog', args: ['an argument'] });
    assert.ok(report.afterCommand.replaced, 'the real command replaced the stand-in');
    assert.ok(report.afterCommand.commands.includes('llmCompare.models.add') && report.afterCommand.commands.includes('llmCompare.runBenchmark'), 'every feature registered its commands');
  });

  it('the comparison view and our chat models go to the features from then on', () => {
    assert.match(report.delegated.viewHtml, /Content-Security-Policy/, 'the panel filled the view');
    assert.ok(report.delegated.chatModelsIsArray, 'the features answered for VS Code chat');
  });
});
