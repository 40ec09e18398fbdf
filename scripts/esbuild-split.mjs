// Two bundles where one used to be, so that a start parses only what it needs (issue 12):
// - the extension: dist/extension.js, the activation shell VS Code loads on every activation, and dist/features.js,
//   everything else, which the shell requires on first use;
// - the CLI: dist/cli.js, which answers --version and --help, and dist/cli-commands.js, the sub-commands.
//
// - The shell's require of the other bundle stays a run-time require of the file beside it (not bundled in).
// - A module bundled into both would exist twice at run time: two copies of its state (the secrets `redact` knows),
//   and `instanceof` false across them. The build fails if that happens to anything but modules of ids and types.

/**
 * Keeps `require(spec)` in `importer` (a source path ending) a run-time require of `file`, the other bundle.
 * @returns {import('esbuild').Plugin}
 */
export function loadedAtRunTime(spec, importer, file) {
  return {
    name: `loaded-at-run-time:${file}`,
    setup(build) {
      const filter = new RegExp(`^${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => (args.importer.endsWith(importer) ? { path: file, external: true } : undefined));
    },
  };
}

/** The extension's shell loads the features with `require('./features.js')` (src/vscode/shell/lazy-features.ts). */
export const featuresStayOutside = loadedAtRunTime('./features.js', 'lazy-features.ts', './features.js');
/** The CLI's shell loads its sub-commands with `require('./commands')` (src/cli/main.ts). */
export const commandsStayOutside = loadedAtRunTime('./commands', 'src/cli/main.ts', './cli-commands.js');

/**
 * Fails the build when a module other than `mayShare` is in both the `shell` and the `rest` output.
 * @returns {import('esbuild').Plugin}
 */
export function nothingLoadedTwice(shell, rest, mayShare) {
  return {
    name: `nothing-loaded-twice:${shell}`,
    setup(build) {
      build.onEnd((result) => {
        if (!result.metafile) return;
        const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
        const inputsOf = (name) => new Set(Object.keys(outputs.find(([file]) => file.endsWith(`/${name}.js`))?.[1].inputs ?? {}));
        const inShell = inputsOf(shell);
        const both = [...inputsOf(rest)].filter((f) => inShell.has(f) && !mayShare.test(f));
        if (both.length > 0) throw new Error(`in both dist/${shell}.js and dist/${rest}.js (would load twice): ${both.join(', ')}`);
      });
    },
  };
}

/** Modules both extension bundles may hold: constants and a feature check, no state, no classes. */
export const extensionMayShare = /^src\/vscode\/(ids|panel\/ids|bench\/ids|models\/ids|lm\/ids|lm\/api-1\.104)\.ts$/;
/** Modules both CLI bundles may hold: the version and the package.json field it reads. */
export const cliMayShare = /^(src\/cli\/version\.ts|package\.json)$/;
