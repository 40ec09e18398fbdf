/**
 * POST /api/pull of the simulator: the progress lines Ollama sends ("pulling manifest", one "pulling <12 hex>" group
 * per layer with digest/total and then completed, "verifying sha256 digest", "writing manifest", "success"), and the
 * unknown-model case, which is HTTP 200 followed by an error line.
 */
import type { ServerResponse } from 'node:http';
import { Exchange, sendError } from './ollama-sim-http';
import { fakeDigest, type SimState } from './ollama-sim-state';
import type { SimPull } from './ollama-sim-types';

const DEFAULT_LAYER = 3_825_819_519;
const UNKNOWN = 'pull model manifest: file does not exist';

function progressLines(name: string, pull: SimPull): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [{ status: 'pulling manifest' }];
  const steps = Math.max(1, pull.steps ?? 4);
  (pull.layers ?? [DEFAULT_LAYER]).forEach((total, layer) => {
    const hex = fakeDigest(`${name}#${layer}`);
    const base = { status: `pulling ${hex.slice(0, 12)}`, digest: `sha256:${hex}`, total };
    // `completed` is absent until bytes flow, as in Ollama's first line for a layer.
    lines.push({ ...base });
    for (let s = 1; s <= steps; s++) lines.push({ ...base, completed: Math.round((total * s) / steps) });
  });
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  return lines;
}

export async function handlePull(state: SimState, res: ServerResponse, body: Record<string, unknown>, requestId: number): Promise<void> {
  // ollama-js sends `name`; newer clients send `model`.
  const name = typeof body.model === 'string' && body.model ? body.model : typeof body.name === 'string' ? body.name : '';
  if (!name) return sendError(res, 400, 'model is required');
  const streaming = body.stream !== false;
  const key = Object.keys(state.script.pulls ?? {}).find((k) => k === name || k === `${name}:latest` || `${k}:latest` === name);
  const pull: SimPull = key ? (state.script.pulls ?? {})[key] : { failAtLine: 1, failMessage: UNKNOWN, layers: [] };
  const lines = progressLines(name, pull);
  const ex = new Exchange(res, { requestId, path: '/api/pull', model: name, streaming, plannedChunks: lines.length });
  state.addStream(ex.record);

  for (let i = 0; i < lines.length; i++) {
    if (!(await ex.sleep(pull.paceMs ?? 0))) return;
    if (pull.failAtLine === i) {
      const message = pull.failMessage ?? UNKNOWN;
      if (streaming) return ex.end({ error: message });
      return ex.fail(500, message);
    }
    if (streaming) {
      if (!ex.writeChunk(lines[i])) return;
    } else ex.record.chunksWritten++;
  }
  state.install(pull.installs ?? { name });
  if (streaming) return ex.end();
  ex.record.completed = true;
  const text = JSON.stringify({ status: 'success' });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}
