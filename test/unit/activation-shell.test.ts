/**
 * The activation shell (issue 12): activating loads dist/extension.js only; every contributed command, the views,
 * the restorable tabs and our chat models are stand-ins that load the features on first use and hand over to them.
 * Builds both bundles as esbuild.config.mjs does and runs them against a stand-in `vscode` that records what is
 * registered (and, like VS Code, refuses a command id registered twice).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stub = require(join(root, 'bench', 'perf', 'vscode-stub.cjs')) as {
  anything(): Record<string, unknown>;
  apiNames(typesFile: string): string[];
  install(names: string[]): Record<string, unknown>;
  fakeContext(extensionPath: string): Record<string, unknown>;
};

interface Contributed {
  contributes: { commands: Array<{ command: string }> };
}

describe('activation shell', () => {
  let dir: string;
  let api: Record<string, unknown>;
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const executed: Array<{ id: string; args: unknown[] }> = [];
  const chatProviders: Array<{ vendor: string; provider: Record<string, (...a: unknown[]) => unknown> }> = [];
  const views = new Map<string, { resolveWebviewView(view: unknown): unknown }>();
  let shell: { activate(context: unknown): unknown };
  let context: { subscriptions: Array<{ dispose(): unknown }> } | undefined;
  const featuresLoaded = () => Object.keys(require.cache).some((f) => f === join(dir, 'features.js'));

  before(async function () {
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'llm-compare-shell-'));
    const shake = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-shake.mjs')).href)) as { shakePlugins: esbuild.Plugin[]; plainVscodeRequire: esbuild.Plugin };
    const split = (await import(pathToFileURL(join(root, 'scripts', 'esbuild-split.mjs')).href)) as { featuresStayOutside: esbuild.Plugin; nothingLoadedTwice: esbuild.Plugin };
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
      plugins: [...shake.shakePlugins, shake.plainVscodeRequire, split.featuresStayOutside, split.nothingLoadedTwice],
      logLevel: 'silent',
    });
    writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
    api = stub.install(stub.apiNames(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts')));
    api.commands = {
      registerCommand(id: string, run: (...args: unknown[]) => unknown) {
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, run);
        return { dispose: () => commands.get(id) === run && commands.delete(id) };
      },
      executeCommand(id: string, ...args: unknown[]) {
        executed.push({ id, args });
        return Promise.resolve(commands.get(id)?.(...args));
      },
      getCommands: () => Promise.resolve([...commands.keys()]),
    };
    const window = api.window as Record<string, unknown>;
    window.registerWebviewViewProvider = (id: string, provider: { resolveWebviewView(view: unknown): unknown }) => {
      views.set(id, provider);
      return { dispose: () => views.delete(id) };
    };
    const lm = api.lm as Record<string, unknown>;
    lm.registerLanguageModelChatProvider = (vendor: string, provider: Record<string, (...a: unknown[]) => unknown>) => {
      chatProviders.push({ vendor, provider });
      return { dispose: () => undefined };
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    shell = require(join(dir, 'extension.js')) as typeof shell;
  });

  after(() => {
    // As VS Code does on deactivation: the features stop their timers and probes.
    for (const d of context?.subscriptions ?? []) d.dispose();
    for (const f of ['extension.js', 'features.js']) delete require.cache[join(dir, f)];
    rmSync(dir, { recursive: true, force: true });
  });

  it('activating registers a stand-in for every contributed command, the views and our chat models, and loads no feature', () => {
    context = stub.fakeContext(dir) as unknown as typeof context;
    shell.activate(context);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Contributed;
    assert.deepEqual([...commands.keys()].sort(), pkg.contributes.commands.map((c) => c.command).sort());
    assert.ok(views.has('llmCompare.compareView'));
    assert.deepEqual(chatProviders.map((c) => c.vendor), ['llm-compare']);
    assert.equal(featuresLoaded(), false, 'dist/features.js was loaded at activation');
  });

  it("a command's first run loads the features, which take its id over, and runs it with its arguments", async () => {
    const standIn = commands.get('llmCompare.showLog')!;
    await standIn('an argument');
    assert.equal(featuresLoaded(), true);
    assert.deepEqual(executed.at(-1), { id: 'llmCompare.showLog', args: ['an argument'] });
    assert.notEqual(commands.get('llmCompare.showLog'), standIn, 'the real command replaced the stand-in');
    assert.ok(commands.has('llmCompare.models.add') && commands.has('llmCompare.runBenchmark'), 'every feature registered its commands');
  });

  it('the comparison view and our chat models go to the features from then on', async () => {
    const webview = stub.anything();
    const view = Object.assign(stub.anything(), { webview, visible: true });
    views.get('llmCompare.compareView')!.resolveWebviewView(view);
    assert.match(String(webview.html), /Content-Security-Policy/, 'the panel filled the view');
    const models = (await chatProviders[0].provider.provideLanguageModelChatInformation({ silent: true }, stub.anything())) as unknown[];
    assert.ok(Array.isArray(models), 'the features answered for VS Code chat');
  });
});
