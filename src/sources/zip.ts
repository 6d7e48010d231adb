// A minimal random-access zip reader: the central directory, then one inflating stream per part on demand.
// Why not exceljs's own unzip: it reads parts in file order, so it must buffer sheets that come before workbook.xml
// or styles.xml into temp files, and that path drops later parts at random (seen on openpyxl files). Reading the
// directory first lets the xlsx adapter take the parts in the order it needs, and spots a truncated file at once.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  headerOffset: number;
}

class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

export interface Zip {
  /** Part names as stored, e.g. `xl/workbook.xml`. */
  names(): string[];
  has(name: string): boolean;
  /** A stream of the part's uncompressed bytes, each chunk ending on a whole UTF-8 character (see wholeChars). */
  open(name: string): Promise<Readable>;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export async function openZip(path: string): Promise<Zip> {
  const fh = await open(path, 'r');
  const entries = new Map<string, Entry>();
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff + 20);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let at = tail.length - 22;
    while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--;
    if (at < 0) throw new ZipFormatError('no end of central directory (truncated?)');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const rec = Buffer.alloc(56);
      await fh.read(rec, 0, 56, Number(tail.readBigUInt64LE(at - 12)));
      count = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size) throw new ZipFormatError('central directory beyond end of file');
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    for (let p = 0, i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('bad central directory');
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const entry: Entry = {
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        headerOffset: dir.readUInt32LE(p + 42),
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      };
      zip64Extra(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry, dir.readUInt32LE(p + 24));
      entries.set(entry.name, entry);
      p += 46 + nameLength + extraLength + dir.readUInt16LE(p + 32);
    }
  } finally {
    await fh.close();
  }

  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    async open(name) {
      const e = entries.get(name);
      if (!e) throw new ZipFormatError(`no part ${name}`);
      const local = Buffer.alloc(30);
      const fh2 = await open(path, 'r');
      try {
        await fh2.read(local, 0, 30, e.headerOffset);
      } finally {
        await fh2.close();
      }
      if (local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`bad local header for ${name}`);
      const start = e.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (e.compressedSize === 0) return Readable.from([]);
      const raw = createReadStream(path, { start, end: start + e.compressedSize - 1 });
      if (e.method === 0) return pipeline(raw, wholeChars(), () => {});
      if (e.method !== 8) throw new ZipFormatError(`unsupported compression ${e.method} for ${name}`);
      // pipeline, not pipe: a reader that stops early destroys the last stream, and pipeline then closes the file too.
      return pipeline(raw, createInflateRaw(), wholeChars(), () => {});
    },
  };
}

/** Zip64 puts the real sizes and offset in extra field 0x0001, in this order, for each field saturated at 0xFFFFFFFF. */
function zip64Extra(extra: Buffer, entry: Entry, uncompressedSize: number): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => Number(extra.readBigUInt64LE((q += 8) - 8));
      if (uncompressedSize === 0xffffffff) next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
    }
    p += 4 + len;
  }
}

/**
 * Re-cuts a byte stream so no chunk ends inside a UTF-8 character. exceljs decodes each chunk on its own, so a
 * Chinese character split across two inflate chunks turned into U+FFFD (seen in every few kB of shared strings).
 */
export function wholeChars(): Transform {
  let carry: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const n = completeLength(data);
      carry = data.subarray(n);
      done(null, n ? data.subarray(0, n) : undefined);
    },
    flush(done) {
      done(null, carry.length ? carry : undefined);
    },
  });
}

/** The length of `buf` without a trailing incomplete UTF-8 sequence. */
function completeLength(buf: Buffer): number {
  for (let k = 1; k <= Math.min(3, buf.length); k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? buf.length - k : buf.length;
  }
  return buf.length;
}
