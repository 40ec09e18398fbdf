/**
 * Runs the built activation shell against a stand-in `vscode` in a process of its own (the stand-in replaces
 * Node's module loader for `vscode`, which must not leak into the test process) and prints what it saw as JSON.
 * Used by test/unit/activation-shell.test.ts.   node shell-probe.cjs <dir with extension.js, features.js, package.json> <repo root>
 */
'use strict';
const { join } = require('node:path');
const [dir, root] = process.argv.slice(2);
const stub = require(join(root, 'bench', 'perf', 'vscode-stub.cjs'));

const commands = new Map();
const executed = [];
const views = new Map();
const chatVendors = [];
const chatProviders = [];
const api = stub.install(stub.apiNames(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts')));
api.commands = {
  registerCommand(id, run) {
    if (commands.has(id)) throw new Error(`command '${id}' already exists`); // as VS Code does
    commands.set(id, run);
    return { dispose: () => commands.get(id) === run && commands.delete(id) };
  },
  executeCommand(id, ...args) {
    executed.push({ id, args });
    return Promise.resolve(commands.get(id)?.(...args));
  },
  getCommands: () => Promise.resolve([...commands.keys()]),
};
api.window.registerWebviewViewProvider = (id, provider) => {
  views.set(id, provider);
  return { dispose: () => views.delete(id) };
};
api.lm.registerLanguageModelChatProvider = (vendor, provider) => {
  chatVendors.push(vendor);
  chatProviders.push(provider);
  return { dispose: () => undefined };
};
const featuresLoaded = () => Object.keys(require.cache).includes(join(dir, 'features.js'));

async function main() {
  const report = {};
  const context = stub.fakeContext(dir);
  require(join(dir, 'extension.js')).activate(context);
  report.atActivation = { commands: [...commands.keys()], views: [...views.keys()], chatVendors: [...chatVendors], featuresLoaded: featuresLoaded() };

  const standIn = commands.get('llmCompare.showLog');
  await standIn('an argument');
  report.afterCommand = {
    featuresLoaded: featuresLoaded(),
    lastExecuted: executed.at(-1),
    replaced: commands.get('llmCompare.showLog') !== standIn,
    commands: [...commands.keys()],
  };

  const webview = stub.anything();
  const view = Object.assign(stub.anything(), { webview, visible: true });
  views.get('llmCompare.compareView').resolveWebviewView(view);
  const models = await chatProviders[0].provideLanguageModelChatInformation({ silent: true }, stub.anything());
  report.delegated = { viewHtml: String(webview.html), chatModelsIsArray: Array.isArray(models) };
  process.stdout.write(JSON.stringify(report));
  process.exit(0);
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.stack ? e.stack : e) }));
  process.exit(0);
});
