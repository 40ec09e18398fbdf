/**
 * A stand-in for the `vscode` module, good enough to require the extension bundle and call `activate()` outside
 * VS Code (bench only): every namespace, class and enum of @types/vscode exists; any property is another stand-in,
 * any call returns one, nothing is thenable (but `show…` calls resolve to undefined: the user dismissed them), `get(key, fallback)` returns the fallback (settings at defaults).
 * Installed before the bundle is required by `activate-child.cjs`.
 */
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');

function anything() {
  const own = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_t, p) {
      if (p === 'then') return undefined;
      if (p === Symbol.iterator) return function* () {};
      if (p === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : '');
      if (p === 'get') return (_key, fallback) => fallback;
      if (p === 'has') return () => false;
      if (p === 'inspect') return () => undefined;
      if (p === 'keys') return () => [];
      if (p === 'dispose') return () => undefined;
      // Messages, pickers, input boxes: the user dismisses them.
      if (typeof p === 'string' && p.startsWith('show')) return () => Promise.resolve(undefined);
      if (!own.has(p)) own.set(p, anything());
      return own.get(p);
    },
    set(_t, p, v) {
      own.set(p, v);
      return true;
    },
    apply: () => anything(),
    construct: () => anything(),
  });
}

/**
 * Every exported name of the VS Code API, read from its type definitions. Called by the parent process, once: the
 * child gets the list, so reading 1 MB of types (and collecting that garbage) is not charged to the activation.
 */
function apiNames(typesFile) {
  const text = readFileSync(typesFile, 'utf8');
  const names = new Set();
  for (const m of text.matchAll(/^\s{1,4}export (?:namespace|class|enum|const|function|let) (\w+)/gm)) names.add(m[1]);
  return [...names];
}

function install(names) {
  const api = {};
  for (const name of names) api[name] = anything();
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
  return api;
}

/** The ExtensionContext `activate` receives. */
function fakeContext(extensionPath) {
  const ctx = anything();
  // VS Code hands every extension its parsed package.json (the shell reads the contributed commands from it).
  const packageJSON = JSON.parse(readFileSync(`${extensionPath}/package.json`, 'utf8'));
  Object.assign(ctx, { subscriptions: [], extensionPath, extensionMode: 1, extension: { packageJSON }, asAbsolutePath: (p) => `${extensionPath}/${p}` });
  return ctx;
}

module.exports = { anything, apiNames, install, fakeContext };
