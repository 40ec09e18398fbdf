/**
 * A minimal reader for the zip files the tests inspect (a `.vsix` is one): the list of entries from the central
 * directory, and one entry's bytes (stored or deflated). No zip64, no encryption: vsce writes neither.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export class ZipFile {
  private readonly buf: Buffer;
  readonly entries: Entry[] = [];

  constructor(file: string) {
    this.buf = readFileSync(file);
    const eocd = this.buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
    const count = this.buf.readUInt16LE(eocd + 10);
    let p = this.buf.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      if (this.buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i} in ${file}`);
      const nameLen = this.buf.readUInt16LE(p + 28);
      const extraLen = this.buf.readUInt16LE(p + 30);
      const commentLen = this.buf.readUInt16LE(p + 32);
      this.entries.push({
        method: this.buf.readUInt16LE(p + 10),
        compressedSize: this.buf.readUInt32LE(p + 20),
        localHeaderOffset: this.buf.readUInt32LE(p + 42),
        name: this.buf.toString('utf8', p + 46, p + 46 + nameLen),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** The entry's content as text, or null when there is no such entry. */
  text(name: string): string | null {
    const e = this.entries.find((x) => x.name === name);
    if (!e) return null;
    const h = e.localHeaderOffset;
    const start = h + 30 + this.buf.readUInt16LE(h + 26) + this.buf.readUInt16LE(h + 28);
    const data = this.buf.subarray(start, start + e.compressedSize);
    if (e.method === 0) return data.toString('utf8');
    if (e.method === 8) return inflateRawSync(data).toString('utf8');
    throw new Error(`${name}: unsupported compression method ${e.method}`);
  }
}
