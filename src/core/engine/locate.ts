/**
 * Finding the engine's files: the llama-server binary (the user's setting, then PATH, then the one downloaded into
 * the cache) and the GGUF model (the user's path, then the Hub file in the cache). Nothing here downloads.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../providers/errors';
import type { EngineSettings } from './engine-settings';

export const BINARY_NAME = process.platform === 'win32' ? 'llama-server.exe' : 'llama-server';

/** Where a binary was found, and how (shown by `engine status`). */
export interface Located {
  path: string;
  source: 'setting' | 'PATH' | 'cache';
}

export function findBinary(settings: EngineSettings, cacheDir: string | undefined, env: Record<string, string | undefined> = process.env): Located | null {
  if (settings.binaryPath) return isExecutable(settings.binaryPath) ? { path: settings.binaryPath, source: 'setting' } : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, BINARY_NAME);
    if (isExecutable(candidate)) return { path: candidate, source: 'PATH' };
  }
  if (cacheDir) {
    const cached = path.join(cacheDir, 'bin', BINARY_NAME);
    if (isExecutable(cached)) return { path: cached, source: 'cache' };
  }
  return null;
}

/** The binary, or a ConfigError saying where it was looked for and how to get one. */
export function requireBinary(settings: EngineSettings, cacheDir: string | undefined, env?: Record<string, string | undefined>): Located {
  const found = findBinary(settings, cacheDir, env);
  if (found) return found;
  if (settings.binaryPath) throw new ConfigError(`The built-in engine's binary "${settings.binaryPath}" (engine.binaryPath) does not exist or cannot be run.`);
  throw new ConfigError(`No llama-server found: not on PATH${cacheDir ? ` nor in ${path.join(cacheDir, 'bin')}` : ''}. Run "llm-compare engine pull" to download it, or set engine.binaryPath.`);
}

/** The model file the engine would load: the user's path, else the Hub file's place in the cache. */
export function modelFileOf(settings: EngineSettings, cacheDir: string | undefined): string | null {
  if (settings.modelPath) return settings.modelPath;
  if (!cacheDir) return null;
  return path.join(cacheDir, 'models', settings.modelRepo.replace('/', '--'), settings.modelFile);
}

export function requireModel(settings: EngineSettings, cacheDir: string | undefined): string {
  const file = modelFileOf(settings, cacheDir);
  if (file && existsSync(file) && statSync(file).isFile()) return file;
  if (settings.modelPath) throw new ConfigError(`The built-in engine's model file "${settings.modelPath}" (engine.modelPath) does not exist.`);
  throw new ConfigError(`The built-in engine's model ${settings.modelRepo}/${settings.modelFile} is not downloaded yet. Run "llm-compare engine pull", or set engine.modelPath to a GGUF file.`);
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
