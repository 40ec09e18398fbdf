// Runs the same extension-host suite (out/test/integration) in desktop VS Code through @vscode/test-electron.
// Needs to download VS Code (internet): it cannot run on machines without it, where `npm run test:e2e`
// runs the suite in code-server instead. Usage: npm run test:electron  (VSCODE_VERSION=1.100.3 by default)
import { runTests } from '@vscode/test-electron';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const profile = mkdtempSync(path.join(tmpdir(), 'llmc-electron-'));
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out/test/integration/index'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(profile, 'ud'), '--extensions-dir', path.join(profile, 'ext')],
  });
} catch (e) {
  console.error(`integration tests failed or VS Code could not be started: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
