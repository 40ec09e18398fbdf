/** What ships: `npm run package` (production build + vsce), then the bytes of the bundles and the .vsix. */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Sizes {
  /** The activation shell: what every activation parses. */
  extensionJsBytes: number;
  /** Every extension-host bundle: the shell + dist/features.js (loaded on first use). */
  extensionTotalJsBytes: number;
  /** null: `--no-package` and no package built yet (unknown, never 0). */
  vsixBytes: number | null;
  /** What `llm-compare --version` parses. */
  cliJsBytes: number;
  /** Both CLI bundles: dist/cli.js + dist/cli-commands.js (the sub-commands, loaded once a command is known). */
  cliTotalJsBytes: number;
}

export function packageAndMeasure(root: string, build: boolean): Sizes {
  if (build) execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = (f: string) => statSync(join(root, 'dist', f)).size;
  const features = existsSync(join(root, 'dist', 'features.js')) ? size('features.js') : 0;
  return {
    extensionJsBytes: size('extension.js'),
    extensionTotalJsBytes: size('extension.js') + features,
    vsixBytes: existsSync(join(root, 'dist', 'llm-compare.vsix')) ? size('llm-compare.vsix') : null,
    cliJsBytes: size('cli.js'),
    cliTotalJsBytes: size('cli.js') + (existsSync(join(root, 'dist', 'cli-commands.js')) ? size('cli-commands.js') : 0),
  };
}

/** Back to the development build (source maps, test bundles) that the test suites expect in dist/. */
export function restoreDevelopmentBuild(root: string): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
