// Bundles the extension host code, the CLI, the webview scripts (browser) and the extension-host test suite.
// esbuild does not type-check: `npm run typecheck` (tsc --noEmit) does.
// Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { plainVscodeRequire, shakePlugins } from './scripts/esbuild-shake.mjs';
import { cliMayShare, commandsStayOutside, extensionMayShare, featuresStayOutside, nothingLoadedTwice } from './scripts/esbuild-split.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

// jsonc-parser's default entry is a UMD build whose relative requires esbuild cannot follow: bundle its ESM build.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', plugins: shakePlugins, alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' } };

/** Browser bundles, only those whose entry exists. `charts` serves the bench view and the HTML export (one chart.js). */
const webviewEntries = ['panel', 'charts', 'leaderboard']
  .map((name) => ({ name, file: `src/webview/${name}/main.ts` }))
  .filter((e) => existsSync(e.file));

const integrationTests = existsSync('test/integration')
  ? readdirSync('test/integration').filter((f) => f.endsWith('.ts')).map((f) => join('test/integration', f))
  : [];

const builds = [
  // Two bundles, one build: the activation shell and the features it loads on first use (scripts/esbuild-split.mjs).
  {
    ...node,
    entryPoints: { extension: 'src/extension.ts', features: 'src/vscode/features.ts' },
    outdir: 'dist',
    external: ['vscode'],
    metafile: true,
    plugins: [...shakePlugins, plainVscodeRequire, featuresStayOutside, nothingLoadedTwice('extension', 'features', extensionMayShare)],
  },
  // The CLI likewise: dist/cli.js answers --version and --help; dist/cli-commands.js holds the sub-commands.
  {
    ...node,
    entryPoints: { cli: 'src/cli/main.ts', 'cli-commands': 'src/cli/commands.ts' },
    outdir: 'dist',
    metafile: true,
    plugins: [...shakePlugins, commandsStayOutside, nothingLoadedTwice('cli', 'cli-commands', cliMayShare)],
  },
  ...(webviewEntries.length
    ? [{
        ...common,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        entryPoints: Object.fromEntries(webviewEntries.map((e) => [e.name, e.file])),
        outdir: 'dist/webview',
        // markdown-it only decodes entities (decodeHTML, decodeHTMLStrict): the browser's own HTML parser answers
        // them (src/webview/panel/html-entities.ts) instead of the `entities` package's decoding and encoding tables.
        alias: { entities: './src/webview/panel/html-entities.ts' },
      }]
    : []),
  // Extension-host tests: built only for development builds, never shipped (.vscodeignore keeps out/ out).
  ...(!production && integrationTests.length
    ? [{ ...node, entryPoints: integrationTests, outdir: 'out/test/integration', external: ['vscode', 'mocha'], sourcemap: 'inline' }]
    : []),
];

// A clean dist only for the shipped build: development builds run while tests read dist/.
if (production) rmSync('dist', { recursive: true, force: true });
const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching…');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
