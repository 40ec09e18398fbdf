/**
 * A note beside a downloaded model (`<file>.verified.json`) saying how it was checked and when. It holds only while
 * the file keeps the size and modification time it had then: a file changed since is not "verified" any more.
 */
import { readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

export interface VerifiedNote {
  /** 'sha256' = the published digest matched; 'size' = none was published, the size matched. */
  by: 'sha256' | 'size';
  sha256: string | null;
  size: number;
  mtimeMs: number;
  verifiedAt: string;
}

export function verifiedNotePath(file: string): string {
  return `${file}.verified.json`;
}

export async function writeVerified(file: string, how: { by: 'sha256' | 'size'; sha256: string | null }): Promise<VerifiedNote> {
  const s = statSync(file);
  const note: VerifiedNote = { ...how, size: s.size, mtimeMs: s.mtimeMs, verifiedAt: new Date().toISOString() };
  await writeFile(verifiedNotePath(file), JSON.stringify(note) + '\n');
  return note;
}

/** The note, when there is one and the file is still as it was when verified; else null. */
export function readVerified(file: string): VerifiedNote | null {
  try {
    const note = JSON.parse(readFileSync(verifiedNotePath(file), 'utf8')) as VerifiedNote;
    const s = statSync(file);
    return note.size === s.size && note.mtimeMs === s.mtimeMs && (note.by === 'sha256' || note.by === 'size') ? note : null;
  } catch {
    return null;
  }
}
