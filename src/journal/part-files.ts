// Lines set aside on disk in parts chosen by a hash of the user: the records of a run waiting for their slice
// (run/slices.ts) and the journal's confirmations of a big state folder (journal/split.ts). Both use the same parts,
// so a slice of users is the same run of consecutive parts in both, and each loads only its own.
import { closeSync, openSync, readFileSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../temp-dir.js';

/** Parts on disk: a 5-million-record month still gives slices of ≈ 40,000 records. */
export const PARTS = 128;
/** Bytes a part buffers before they are written: PARTS × 8 KB at most in memory. */
const FLUSH_BYTES = 8 * 1024;

/** FNV-1a of the user id: which part a user's lines go to (stable, so one user is always in one slice). */
export function partOf(user_id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < user_id.length; i++) h = Math.imul(h ^ user_id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTS;
}

/** A run of consecutive parts, both ends included. */
export interface PartRange {
  lo: number;
  hi: number;
}

export const ALL_PARTS: PartRange = { lo: 0, hi: PARTS - 1 };

interface Part {
  fd: number;
  /** Buffers, not strings: the line's text dies young (cheap to collect), its bytes wait outside the heap. */
  buffered: Buffer[];
  bytes: number;
  count: number;
}

export class PartFiles {
  private dir: string | undefined;
  private readonly parts: Part[];

  constructor(prefix: string) {
    const dir = makeTempDir(prefix);
    this.dir = dir;
    this.parts = Array.from({ length: PARTS }, (_, i) => ({ fd: openSync(join(dir, `${i}.jsonl`), 'w+', 0o600), buffered: [], bytes: 0, count: 0 }));
  }

  /** Appends one line (without its newline) to the user's part. */
  write(user_id: string, line: string): void {
    const part = this.parts[partOf(user_id)]!;
    const bytes = Buffer.from(line + '\n');
    part.buffered.push(bytes);
    part.bytes += bytes.length;
    part.count++;
    if (part.bytes >= FLUSH_BYTES) flush(part);
  }

  /** Lines written to part i. */
  count(i: number): number {
    return this.parts[i]!.count;
  }

  /** The lines of part i, in the order written. */
  lines(i: number): string[] {
    const part = this.parts[i]!;
    flush(part);
    if (!part.count) return [];
    const text = readFileSync(join(this.dir!, `${i}.jsonl`), 'utf8');
    return text.split('\n').filter((l) => l !== '');
  }

  /** Removes the files. Safe to call twice. */
  close(): void {
    if (!this.dir) return;
    for (const p of this.parts) closeSync(p.fd);
    removeTempDir(this.dir);
    this.dir = undefined;
  }
}

function flush(part: Part): void {
  if (part.buffered.length) writevSync(part.fd, part.buffered);
  part.buffered = [];
  part.bytes = 0;
}
