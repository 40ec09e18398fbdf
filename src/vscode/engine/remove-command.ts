/**
 * "LLM Compare: Remove built-in engine downloads": stops the engine, then deletes what the set-up downloaded into the
 * extension's global storage (the engine's `bin`, `models` and `downloads` folders only: other features keep files there too),
 * after a modal confirmation that names the folders and their size. Configured models stay; they show "files missing".
 */
import { existsSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../services';
import type { Ui } from '../ui';
import { megabytes } from '../../shared/engine-offer';

/** The folders of the global storage that belong to the engine (src/core/engine/locate.ts puts its files there). */
export function engineFolders(cacheDir: string): string[] {
  return ['bin', 'models', 'downloads'].map((d) => path.join(cacheDir, d));
}

export type RemoveOutcome = 'removed' | 'nothing' | 'declined' | 'failed';

export async function removeEngineDownloads(services: Services, ui: Ui): Promise<RemoveOutcome> {
  const cacheDir = services.context.globalStorageUri.fsPath;
  const folders = engineFolders(cacheDir).filter((d) => existsSync(d));
  const sizes = await Promise.all(folders.map((d) => sizeOf(d)));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (folders.length === 0) {
    void ui.message('info', `Nothing to remove: there are no built-in engine downloads in ${cacheDir}.`);
    return 'nothing';
  }
  const detail = [
    ...folders.map((d, i) => `${d} (${megabytes(sizes[i])})`),
    '',
    'The built-in engine stops first. Your models stay configured; "LLM Compare: Use the built-in engine" downloads the files again.',
  ].join('\n');
  if (!(await ui.confirm(`Remove the built-in engine's downloads (${megabytes(total)})?`, detail, 'Remove'))) return 'declined';
  await services.builtInEngine.stop();
  try {
    for (const d of folders) await rm(d, { recursive: true, force: true });
  } catch (e) {
    services.log.error(`engine: could not remove its downloads: ${(e as Error).message}`);
    void ui.message('error', `Could not remove the built-in engine's downloads: ${(e as Error).message}. Close programs using them and try again.`);
    return 'failed';
  } finally {
    services.builtInEngine.filesChanged();
  }
  services.log.info(`engine: removed its downloads (${megabytes(total)}) from ${cacheDir}.`);
  void ui.message('info', `Removed the built-in engine's downloads (${megabytes(total)}).`);
  return 'removed';
}

async function sizeOf(target: string): Promise<number> {
  const s = await lstat(target).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  const entries = await readdir(target).catch(() => []);
  const sizes = await Promise.all(entries.map((e) => sizeOf(path.join(target, e))));
  return sizes.reduce((a, b) => a + b, 0);
}
