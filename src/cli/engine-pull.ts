/**
 * `llm-compare engine pull`: gets what the built-in engine lacks — the official llama.cpp server for this platform
 * and the GGUF model — after showing the plan (what, from where, to where, the sizes the servers state) and asking
 * before anything is downloaded. Files already here are checked again: the model against its published SHA-256
 * (or a note saying it was verified and is unchanged since), a downloaded server against the digest noted when it
 * was installed. Ctrl+C cancels; running it again resumes.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { defaultEngineSettings, type EngineSettings } from '../core/engine/engine-settings';
import { hubFile } from '../core/engine/hub';
import { installedRelease, sha256Of } from '../core/engine/install';
import { planEngineSetup, runEngineSetup, type EngineFilePlan, type EngineSetupPlan, type EngineSetupProgress } from '../core/engine/setup';
import { readVerified, verifiedNotePath, writeVerified } from '../core/engine/verified';
import { contextFlags } from './args';
import type { ContextResolver } from './context';
import type { CliIO } from './io';

export async function pullEngine(io: CliIO, resolve: ContextResolver, values: Record<string, unknown>, args: string[], cacheDir: string): Promise<number> {
  const { settings } = await resolve(contextFlags(values));
  const engine = settings.engine ?? defaultEngineSettings();
  const host = { cacheDir, env: io.env, signal: io.signal };
  let plan = await planEngineSetup(engine, host);
  // What is already here is checked again; a file that fails its check is removed and planned anew.
  const modelOk = await recheckModel(plan.model, engine, io);
  const binaryOk = await recheckBinary(plan.binary, cacheDir, io);
  if (!modelOk || !binaryOk) plan = await planEngineSetup(engine, host);
  io.stdout.write(describePlan(plan).join('\n') + '\n');
  if (plan.downloadBytes === 0) {
    io.stdout.write('Nothing to download: the built-in engine has what it needs.\n');
    return 0;
  }
  if (!values.yes) {
    const question = `Download ${plan.downloadBytes === null ? 'the files above (size unknown: the server did not say)' : mb(plan.downloadBytes)}? [y/N] `;
    if (!io.ask) {
      io.stderr.write(`Nothing downloaded: no terminal to ask for consent. To download, run:\n  ${['llm-compare', 'engine', ...args.filter((a) => a !== '--yes'), '--yes'].map(shellWord).join(' ')}\n`);
      return 2;
    }
    const answer = await io.ask(question);
    if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) {
      io.stdout.write('Nothing downloaded.\n');
      return 1;
    }
  }
  const result = await runEngineSetup(plan, { ...host, onProgress: progressPrinter(io, plan) });
  if (io.stderr.isTTY) io.stderr.write('\n');
  for (const f of [plan.binary, plan.model]) {
    if (f.present) continue;
    const where = f.what === 'binary' ? path.dirname(result.binary) : result.model;
    io.stdout.write(`Saved ${f.label} in ${where} (${f.sha256 ? 'SHA-256 verified' : 'checked by size only: no SHA-256 published'}).\n`);
  }
  io.stdout.write(`Remove them with: rm -r "${cacheDir}"\n`);
  return 0;
}

/** The plan as lines for a person: each file present (where, from what) or to download (from, to, size, check). */
export function describePlan(plan: EngineSetupPlan): string[] {
  const line = (f: EngineFilePlan) => {
    const name = f.what === 'binary' ? 'server:' : 'model: ';
    if (f.present) return `${name} ${f.label} at ${f.path} (from ${f.source})`;
    const check = f.sha256 ? `verified by SHA-256 ${f.sha256.slice(0, 12)}…` : 'no SHA-256 published: checked by size only';
    return `${name} ${f.label}: to download, ${f.bytes === null ? 'size unknown (the server did not say)' : mb(f.bytes)}, ${check}\n         from ${f.source}\n         to   ${f.what === 'binary' ? path.dirname(f.path) + path.sep : f.path}`;
  };
  const total = plan.downloadBytes === null ? 'size unknown (a server did not say)' : plan.downloadBytes === 0 ? 'nothing' : mb(plan.downloadBytes);
  return [line(plan.binary), line(plan.model), `to download: ${total}`];
}

/** The model in the cache: a valid "verified" note, or its SHA-256 checked now against the Hub's. False = it failed and was removed. */
async function recheckModel(f: EngineFilePlan, engine: EngineSettings, io: CliIO): Promise<boolean> {
  if (!f.present || f.source !== 'cache') return true;
  const note = readVerified(f.path);
  if (note) {
    io.stdout.write(`model:  ${f.path} was verified by ${note.by === 'sha256' ? 'SHA-256' : 'size'} on ${note.verifiedAt} and is unchanged since (not hashed again).\n`);
    return true;
  }
  const hub = await hubFile(engine.modelRepo, engine.modelFile, { hubUrl: io.env.HF_HUB_URL || undefined, signal: io.signal });
  const ok = hub.sha256 ? (await sha256Of(f.path)) === hub.sha256 : hub.size === null || hub.size === f.bytes;
  if (ok) {
    await writeVerified(f.path, { by: hub.sha256 ? 'sha256' : 'size', sha256: hub.sha256 });
    io.stdout.write(`model:  ${f.path} verified now by ${hub.sha256 ? 'SHA-256' : 'size (the Hub publishes no SHA-256 for it)'}; noted for next time.\n`);
    return true;
  }
  rmSync(f.path, { force: true });
  rmSync(verifiedNotePath(f.path), { force: true });
  io.stdout.write(`model:  ${f.path} does not match the Hub's ${hub.sha256 ? 'SHA-256' : 'size'}; removed, to be downloaded again.\n`);
  return false;
}

/** A server this command downloaded: its SHA-256 against the one noted at install. False = it failed and was removed. */
async function recheckBinary(f: EngineFilePlan, cacheDir: string, io: CliIO): Promise<boolean> {
  if (!f.present) return true;
  const release = f.source === 'cache' ? installedRelease(cacheDir) : null;
  if (!release) {
    io.stdout.write(`server: ${f.path} is yours (from ${f.source}); not checked.\n`);
    return true;
  }
  if ((await sha256Of(f.path)) === release.binarySha256) {
    io.stdout.write(`server: ${f.path} matches the SHA-256 noted when llama.cpp ${release.tag} was installed (its archive was checked by ${release.verifiedBy === 'sha256' ? 'SHA-256' : 'size only'}).\n`);
    return true;
  }
  rmSync(path.dirname(f.path), { recursive: true, force: true });
  io.stdout.write(`server: ${f.path} changed since it was installed; removed, to be downloaded again.\n`);
  return false;
}

function progressPrinter(io: CliIO, plan: EngineSetupPlan): (p: EngineSetupProgress) => void {
  let current: string | null = null;
  let shown = -1;
  return (p) => {
    const label = p.what === 'binary' ? plan.binary.label : plan.model.label;
    if (current !== p.what) {
      if (current !== null && io.stderr.isTTY) io.stderr.write('\n');
      current = p.what;
      shown = -1;
      io.stderr.write(`Downloading ${label}${p.resumedFrom ? ` (resuming at ${mb(p.resumedFrom)})` : ''}\n`);
    }
    // A terminal line rewritten every 5 % (a log: a line every 25 %), or every 5 MB when the size is unknown.
    const steps = io.stderr.isTTY ? 20 : 4;
    const step = p.total ? Math.floor((p.received / p.total) * steps) : Math.floor(p.received / 5e6);
    if (step <= shown) return;
    shown = step;
    const text = p.total ? `${Math.floor((p.received / p.total) * 100)}% of ${mb(p.total)}` : `${mb(p.received)} (size unknown)`;
    io.stderr.write(io.stderr.isTTY ? `\r${text}` : `${text}\n`);
  };
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
