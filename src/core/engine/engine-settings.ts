/**
 * Settings of the built-in engine (llama.cpp's `llama-server`, run by the extension or the CLI): which binary, which
 * GGUF model, and how it runs. The same keys in VS Code (`llmCompare.engine.*`) and in a CLI config file (`engine`).
 */
import { ConfigError } from '../providers/errors';

export interface EngineSettings {
  /** A llama-server binary; empty = `llama-server` on PATH, then the one downloaded into the cache. */
  binaryPath: string;
  /** A GGUF file on disk; empty = the Hub file below, downloaded into the cache. */
  modelPath: string;
  /** Hub repository and file of the model used when `modelPath` is empty. */
  modelRepo: string;
  modelFile: string;
  /** CPU threads for generation; 0 = llama.cpp's own choice. */
  threads: number;
  /** Context size in tokens; 0 = the model's own. */
  contextSize: number;
  /** Layers offloaded to a GPU (0 = CPU only; a large number = all that fit). */
  gpuLayers: number;
  /** A fixed port; 0 = any free loopback port (recommended). A taken fixed port falls back to a free one. */
  port: number;
  /** The llama.cpp release to download when no binary is found (e.g. `b4747`); empty = the latest release. */
  releaseTag: string;
}

export const DEFAULT_ENGINE_MODEL_REPO = 'Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF';
export const DEFAULT_ENGINE_MODEL_FILE = 'qwen2.5-coder-0.5b-instruct-q4_k_m.gguf';

export function defaultEngineSettings(): EngineSettings {
  return {
    binaryPath: '',
    modelPath: '',
    modelRepo: DEFAULT_ENGINE_MODEL_REPO,
    modelFile: DEFAULT_ENGINE_MODEL_FILE,
    threads: 0,
    contextSize: 4096,
    gpuLayers: 0,
    port: 0,
    releaseTag: '',
  };
}

/** Validates an untrusted `engine` object over the defaults; throws ConfigError naming the bad key. */
export function validateEngineSettings(raw: unknown, where = 'engine'): EngineSettings {
  const out = defaultEngineSettings();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where} must be an object like {"modelPath": "/path/model.gguf"}.`);
  const r = raw as Record<string, unknown>;
  for (const key of ['binaryPath', 'modelPath', 'modelRepo', 'modelFile', 'releaseTag'] as const) {
    const v = r[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new ConfigError(`${where}.${key} must be text.`);
    if (v.trim() !== '' || key === 'binaryPath' || key === 'modelPath' || key === 'releaseTag') out[key] = v.trim();
  }
  if (!/^[\w.-]*$/.test(out.releaseTag)) throw new ConfigError(`${where}.releaseTag must be a llama.cpp release tag like "b4747", or empty for the latest (got ${JSON.stringify(out.releaseTag)}).`);
  if (out.modelRepo && !/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(out.modelRepo)) {
    throw new ConfigError(`${where}.modelRepo must be a Hub repository like "${DEFAULT_ENGINE_MODEL_REPO}" (got ${JSON.stringify(out.modelRepo)}).`);
  }
  if (!/^[^/\\]+\.gguf$/i.test(out.modelFile) || out.modelFile.includes('..')) {
    throw new ConfigError(`${where}.modelFile must be a .gguf file name in the repository, e.g. "${DEFAULT_ENGINE_MODEL_FILE}".`);
  }
  out.threads = intIn(r.threads, out.threads, 0, 256, `${where}.threads`);
  out.contextSize = intIn(r.contextSize, out.contextSize, 0, 1_048_576, `${where}.contextSize`);
  out.gpuLayers = intIn(r.gpuLayers, out.gpuLayers, 0, 1000, `${where}.gpuLayers`);
  out.port = intIn(r.port, out.port, 0, 65535, `${where}.port`);
  return out;
}

function intIn(v: unknown, fallback: number, min: number, max: number, name: string): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)}).`);
  }
  return v;
}
