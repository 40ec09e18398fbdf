/**
 * One activation in a fresh Node process: requires the extension bundle with a stand-in `vscode` (vscode-stub.cjs)
 * and calls `activate()`. Prints one JSON line: wall time of the require and of the activate() call, and the CPU
 * time of both; then, apart, the first use: require of dist/features.js and its activateFeatures() (wall time). This is a harness, not VS Code: it measures what the bundle itself costs to load and activate.
 *
 *   node bench/perf/activate-child.cjs <extension.js> <names.json: the API names, from vscode-stub's apiNames()> [--host-builtins]
 *
 * --host-builtins: load beforehand the Node built-in modules that VS Code's extension host has loaded long before
 * any extension activates (its own file, process, network and proxy code uses them), so that compiling them is not
 * charged to the extension. Without it, the figure is that of a bare Node process.
 */
'use strict';
const { performance } = require('node:perf_hooks');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const { anything, install, fakeContext } = require('./vscode-stub.cjs');

const HOST_BUILTINS = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'zlib', 'net', 'http', 'https', 'url', 'util', 'events', 'stream'];
if (process.argv.includes('--host-builtins')) for (const m of HOST_BUILTINS) require(`node:${m}`);

const bundle = resolve(process.argv[2]);
install(JSON.parse(readFileSync(process.argv[3], 'utf8')));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
let error = null;
try {
  extension.activate(fakeContext(dirname(dirname(bundle))));
} catch (e) {
  error = e instanceof Error ? e.message : String(e);
}
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
// Then the first use: the shell requires dist/features.js and activates the features (here with stand-in surfaces).
let featuresMs = null;
const features = resolve(dirname(bundle), 'features.js');
if (error === null && existsSync(features)) {
  const t3 = performance.now();
  try {
    require(features).activateFeatures(fakeContext(dirname(dirname(bundle))), anything());
    featuresMs = performance.now() - t3;
  } catch (e) {
    error = `features: ${e instanceof Error ? e.message : String(e)}`;
  }
}
process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, cpuMs: (cpu.user + cpu.system) / 1000, featuresMs, error })}\n`);
// Whatever activate() scheduled (timers, probes) is not part of the figure: leave at once.
process.exit(0);
