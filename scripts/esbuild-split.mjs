// The extension host code ships as two bundles (issue 12): dist/extension.js, the activation shell VS Code loads
// on every activation, and dist/features.js, everything else, which the shell requires on first use.
//
// - The shell's `require('./features.js')` stays a run-time require of the file beside it (not bundled in).
// - A module bundled into both would exist twice at run time: two copies of its state, and `instanceof` false
//   across them. The build fails if that happens to anything but modules of ids and types.

/** @type {import('esbuild').Plugin} */
export const featuresStayOutside = {
  name: 'features-stay-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: './features.js', external: true }));
  },
};

/** Modules both bundles may hold: constants and a feature check, no state, no classes. */
const MAY_SHARE = /^src\/vscode\/(ids|panel\/ids|bench\/ids|models\/ids|lm\/ids|lm\/api-1\.104)\.ts$/;

/** @type {import('esbuild').Plugin} */
export const nothingLoadedTwice = {
  name: 'nothing-loaded-twice',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile) return;
      const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
      const inputsOf = (name) => new Set(Object.keys(outputs.find(([file]) => file.endsWith(`/${name}.js`))?.[1].inputs ?? {}));
      const shell = inputsOf('extension');
      const both = [...inputsOf('features')].filter((f) => shell.has(f) && !MAY_SHARE.test(f));
      if (both.length > 0) throw new Error(`in both dist/extension.js and dist/features.js (would load twice): ${both.join(', ')}`);
    });
  },
};
