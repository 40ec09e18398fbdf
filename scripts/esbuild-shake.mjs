// What the bundles leave out of their dependencies, and why (issue 12: dist/extension.js was 556 KB, 70 % of it
// code the extension never calls).
//
// - @huggingface/inference exports `snippets` (code samples for the Hub's UI: @huggingface/tasks' model-library
//   tables and the @huggingface/jinja template engine). Its package.json does not say it is free of side effects,
//   so esbuild keeps every module it imports. It is: these modules only define things. Declaring them so lets
//   esbuild drop whatever nothing we call reaches (the client, its provider helpers and the mapping lookup stay).
// - `ollama` imports `whatwg-fetch`, a browser polyfill that installs itself only where `fetch` is missing. Node 20
//   (our `engines`) and every VS Code extension host have `fetch`, so it is dead weight: replaced by nothing.
//
// test/unit/bundle.test.ts builds the CLI with these plugins and streams through it from the simulators, so a
// dependency update that makes one of these assumptions false fails a test rather than a user.

/** Packages whose modules have no side effects on import (checked by reading them: declarations only). */
const SIDE_EFFECT_FREE = /[\\/]node_modules[\\/]@huggingface[\\/](inference|tasks|jinja)[\\/]/;

/** @type {import('esbuild').Plugin} */
export const sideEffectFreeHf = {
  name: 'side-effect-free-hf',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolvingForSideEffects) return undefined;
      const fromHf = args.importer && SIDE_EFFECT_FREE.test(args.importer);
      if (!fromHf && !args.path.startsWith('@huggingface/')) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolvingForSideEffects: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return SIDE_EFFECT_FREE.test(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

/** @type {import('esbuild').Plugin} */
export const noFetchPolyfill = {
  name: 'no-fetch-polyfill',
  setup(build) {
    build.onResolve({ filter: /^whatwg-fetch$/ }, () => ({ path: 'whatwg-fetch', namespace: 'no-fetch-polyfill' }));
    build.onLoad({ filter: /.*/, namespace: 'no-fetch-polyfill' }, () => ({ contents: '', loader: 'js' }));
  },
};


// `import * as vscode from 'vscode'` compiles to `__toESM(require('vscode'))` in every file that says it: a fresh
// copy of the whole API object (about 400 getters) per importing module, 25 of them, on every activation. The API
// is only ever used as `vscode.name`, so the module object itself does: the import becomes `import vscode =
// require('vscode')` (plain `require`) in the bundle. Type-checking (tsc) still reads the sources as written.
const VSCODE_NAMESPACE_IMPORT = /^import \* as vscode from 'vscode';$/m;

/** @type {import('esbuild').Plugin} */
export const plainVscodeRequire = {
  name: 'plain-vscode-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (!VSCODE_NAMESPACE_IMPORT.test(source)) return undefined;
      return { contents: source.replace(VSCODE_NAMESPACE_IMPORT, "import vscode = require('vscode');"), loader: 'ts' };
    });
  },
};

// @huggingface/inference's provider table (`lib/getProviderHelper.js`) builds a helper for every task of every
// provider when it loads, so every helper class stays in the bundle. We call `getProviderHelper(provider,
// 'conversational')` only (src/core/providers/huggingface.ts): the other tasks' entries are left out of the table,
// and with them their classes. A task we do not keep gets the client's own "Task … not supported" error. The
// bundle test streams through named providers to prove the kept entries work.
const PROVIDER_TABLE = /[\\/]@huggingface[\\/]inference[\\/]dist[\\/](esm|commonjs)[\\/]lib[\\/]getProviderHelper\.js$/;
const KEPT_TASKS = new Set(['conversational']);
const TABLE_ENTRY = /^(\s+)("([^"]+)"|([A-Za-z-]+)): new [\w.]+\(\),\n/gm;

/** @type {import('esbuild').Plugin} */
export const conversationalProvidersOnly = {
  name: 'conversational-providers-only',
  setup(build) {
    build.onLoad({ filter: PROVIDER_TABLE }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const kept = source.replace(TABLE_ENTRY, (entry, _indent, _key, quoted, bare) => (KEPT_TASKS.has(quoted ?? bare) ? entry : ''));
      if (!kept.includes('conversational: new ')) throw new Error(`${args.path}: the provider table changed shape; review scripts/esbuild-shake.mjs`);
      return { contents: kept, loader: 'js' };
    });
  },
};

export const shakePlugins = [sideEffectFreeHf, noFetchPolyfill, conversationalProvidersOnly];
