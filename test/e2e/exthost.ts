/**
 * Phase 1: the integration suite (out/test/integration) inside the real extension host, the way
 * @vscode/test-electron runs it: the workbench gets `extensionTestsPath`, runs mocha there, and reports through
 * `codeAutomationLog` / `codeAutomationExit`, which we receive from the page.
 */
import { format } from 'node:util';
import * as path from 'node:path';
import { launchChromium, workbenchUrl } from './browser';
import { REPO, type CodeServer } from './code-server';

/** Workbench chatter that says nothing about our tests. */
const NOISE = /Creating a socket|connection token|Service Worker|builtin extensions cache|ChatSessionStore|open-vsx|AccountPolicy|\[perf\]|Extension host agent|Started local extension host/;

export interface ExtHostResult {
  exitCode: number | 'timeout';
  output: string[];
  seconds: number;
}

export async function runExtensionHostTests(server: CodeServer, workspace: string, shotsDir: string, timeoutMs = 150_000): Promise<ExtHostResult> {
  const started = Date.now();
  const browser = await launchChromium();
  const output: string[] = [];
  try {
    const page = await browser.newPage();
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (exit = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const msg = format(...[].concat(args as never));
      if (/^(trace|debug)$/.test(type) || NOISE.test(msg)) return;
      for (const line of msg.split('\n')) {
        output.push(line);
        console.log(`  │ ${line}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(workbenchUrl(server, workspace, [['extensionTestsPath', server.remote(path.join(REPO, 'out/test/integration/index'))]]));
    const exitCode = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    if (exitCode === 'timeout') await page.screenshot({ path: path.join(shotsDir, 'exthost-timeout.png') });
    return { exitCode, output, seconds: (Date.now() - started) / 1000 };
  } finally {
    await browser.close();
  }
}
