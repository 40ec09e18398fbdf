/**
 * From the setting (`auto`, `bubblewrap`, `container`, `sandbox-exec`, `none`) to a working isolation, or an error
 * that says what is missing and how to install it. `auto` never falls back to `none`: running unsandboxed is a
 * choice the user makes by name, each time (the callers ask).
 */
import { bubblewrapIsolation, detectBubblewrap } from './bubblewrap';
import { detectContainer } from './container';
import { noIsolation } from './none';
import { detectSeatbelt } from './seatbelt';
import { SANDBOX_CHOICES, SandboxUnavailableError, type Isolation, type SandboxChoice, type SandboxKind } from './types';

type Detected = { isolation: Isolation } | { reason: string };

export interface Detectors {
  bubblewrap: () => Promise<Detected>;
  container: () => Promise<Detected>;
  'sandbox-exec': () => Promise<Detected>;
}

const memo = new Map<string, Promise<Detected>>();
const once = (key: string, f: () => Promise<Detected>) => () => {
  let p = memo.get(key);
  if (!p) memo.set(key, (p = f()));
  return p;
};

export const defaultDetectors: Detectors = {
  bubblewrap: once('bubblewrap', async () => {
    const d = await detectBubblewrap();
    return 'tools' in d ? { isolation: bubblewrapIsolation(d.tools) } : d;
  }),
  container: once('container', () => detectContainer()),
  'sandbox-exec': once('sandbox-exec', async () => detectSeatbelt()),
};

/** Forget what was found (a user who just installed bubblewrap should not need to restart). */
export function forgetDetectedSandboxes(): void {
  memo.clear();
}

/** The order `auto` tries, best first. */
export function autoOrder(platform: NodeJS.Platform = process.platform): Array<Exclude<SandboxKind, 'none'>> {
  if (platform === 'linux') return ['bubblewrap', 'container'];
  if (platform === 'darwin') return ['sandbox-exec', 'container'];
  return ['container'];
}

export function installHint(platform: NodeJS.Platform = process.platform): string {
  const lines = ['To score by running code, install a sandbox:'];
  if (platform === 'linux') {
    lines.push('  bubblewrap (recommended): sudo apt-get install bubblewrap  (Fedora: sudo dnf install bubblewrap; Arch: sudo pacman -S bubblewrap)');
  }
  lines.push('  or Docker / Podman with the images: docker pull python:3.12-slim node:20-slim');
  lines.push('Or run the code unsandboxed, at your own risk, by choosing the sandbox "none" explicitly (CLI: --sandbox none; VS Code: the setting llmCompare.bench.sandbox).');
  return lines.join('\n');
}

export async function resolveSandbox(choice: SandboxChoice, detectors: Detectors = defaultDetectors, platform: NodeJS.Platform = process.platform): Promise<Isolation> {
  if (choice === 'none') return noIsolation;
  const kinds = choice === 'auto' ? autoOrder(platform) : [choice];
  const reasons: string[] = [];
  for (const kind of kinds) {
    const d = await detectors[kind]();
    if ('isolation' in d) return d.isolation;
    reasons.push(`${kind}: ${d.reason}`);
  }
  const what = choice === 'auto' ? 'No sandbox is available to run model-written code' : `The sandbox "${choice}" is not available`;
  throw new SandboxUnavailableError(`${what} (${reasons.join('; ')}).`, installHint(platform));
}

/** Validates a setting or flag value; throws naming `where` and the accepted values. */
export function parseSandboxChoice(raw: unknown, where: string): SandboxChoice {
  if (raw === undefined || raw === null || raw === '') return 'auto';
  if (typeof raw === 'string' && (SANDBOX_CHOICES as readonly string[]).includes(raw)) return raw as SandboxChoice;
  throw new RangeError(`${where} must be one of ${SANDBOX_CHOICES.join(', ')} (got ${JSON.stringify(raw)}).`);
}

/** The risk of `none`, in the words every consent prompt uses. */
export const UNSANDBOXED_RISK =
  'The code the models write will run as your user account with NO sandbox: it can read, change or delete your files (including SSH keys and API keys), use your network, and leave processes running.';
