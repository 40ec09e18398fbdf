/**
 * Entry point the extension host calls (`extensionTestsPath`): runs every bundled *.test.js beside this file with
 * mocha, loaded from the extension's own node_modules (mocha is external to the bundle, so `require` resolves it
 * from out/test/integration upwards, i.e. the repository).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.LLM_COMPARE_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`integration: ${mocha.suite.total()} tests, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
