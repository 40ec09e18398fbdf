/**
 * One set-up at a time per cache folder. Two VS Code windows share the extension's global storage, and a CLI may run
 * beside them: two downloads appending to the same partial file would only end in a SHA-256 mismatch. The lock is a
 * file naming its holder's pid; a lock whose holder is gone (a crash, a kill) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DownloadError, fsError } from './download';

/** Takes the lock or throws a DownloadError naming the process that holds it. Returns the release. */
export function lockSetup(cacheDir: string): () => void {
  const file = path.join(cacheDir, 'setup.lock');
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch (e) {
    throw fsError(e, cacheDir);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(e, file);
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (holder > 0 && alive(holder)) {
      throw new DownloadError(
        `Another set-up of the built-in engine is running (process ${holder}${holder === process.pid ? ', this one' : ''}) in ${cacheDir}. Wait for it to finish, then try again.`,
        undefined,
        'retry',
      );
    }
    rmSync(file, { force: true }); // its holder is gone: a stale lock
  }
  throw new DownloadError(`Cannot take the set-up lock ${file}; remove it if no set-up is running.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
