/**
 * The results file: one JSON sample per line, appended the moment a sample is complete, so a stopped or crashed
 * run loses at most the samples in flight and a re-run with the same file resumes where it stopped.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sample } from './types';

export function sampleKey(taskId: string, modelId: string, repeat: number): string {
  return JSON.stringify([taskId, modelId, repeat]);
}

/**
 * Samples already in the file, last record per key winning. A torn last line (the process died mid-write) and
 * other unreadable lines are skipped: those samples are simply run again.
 */
export async function readResults(path: string): Promise<Map<string, Sample>> {
  const out = new Map<string, Sample>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw e;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const s = JSON.parse(line) as Sample;
      if (typeof s.taskId === 'string' && typeof s.modelId === 'string' && Number.isInteger(s.repeat)) {
        out.set(sampleKey(s.taskId, s.modelId, s.repeat), s);
      }
    } catch {
      // torn or foreign line: the sample will be re-run
    }
  }
  return out;
}

/** Serialises appends so concurrent completions never interleave bytes within a line. */
export class ResultsWriter {
  private chain: Promise<void> = Promise.resolve();
  private ready: Promise<void> | null = null;

  constructor(private readonly path: string) {}

  append(sample: Sample): Promise<void> {
    this.ready ??= mkdir(dirname(this.path), { recursive: true }).then(() => undefined);
    const line = `${JSON.stringify(sample)}\n`;
    this.chain = this.chain.then(() => this.ready).then(() => appendFile(this.path, line, 'utf8'));
    return this.chain;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
