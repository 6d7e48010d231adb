// Text decoding for CSV: UTF-8 with or without BOM, else GB18030 (what Excel in China writes as "CSV").
// Auto-detection streams: ASCII passes through undecided (it is the same in both), and the encoding is chosen at
// the first non-ASCII byte from a window of the bytes that follow, so a large file is never held in memory.
import iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

const ALIASES: Record<string, Encoding | 'auto'> = {
  auto: 'auto', utf8: 'utf8', 'utf-8': 'utf8', gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030', cp936: 'gb18030',
};
export const ACCEPTED_ENCODINGS = 'auto, utf8, gb18030, gbk';

/** The canonical name of a user-given encoding, or undefined when it is not supported. */
export function encodingOf(name: string | undefined): Encoding | 'auto' | undefined {
  return ALIASES[(name ?? 'auto').toLowerCase().replace(/[\s_]/g, '')];
}

/** Raised when a file decided (or forced) to be UTF-8 holds an invalid byte sequence later on. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`invalid UTF-8 near line ${line}`);
  }
}

const WINDOW = 4096;

interface Decoder {
  write(b: Buffer): string;
  end(): string;
}

function decoder(enc: Encoding, linesSoFar: () => number): Decoder {
  if (enc !== 'utf8') {
    const d = iconv.getDecoder(enc === 'gb18030' ? 'gb18030' : enc === 'utf16le' ? 'utf-16le' : 'utf-16be');
    return { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  const d = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM itself
  const write = (b: Buffer, final: boolean) => {
    try {
      return final ? d.decode() : d.decode(b, { stream: true });
    } catch {
      // Point at the line of the first bad byte: count the newlines before it in this chunk.
      const bad = firstInvalidUtf8(b);
      let nl = 0;
      for (let i = 0; i < bad; i++) if (b[i] === 0x0a) nl++;
      throw new NotUtf8Error(linesSoFar() + nl + 1);
    }
  };
  return { write: (b) => write(b, false), end: () => write(Buffer.alloc(0), true) };
}

/** The offset of the first byte that does not start a valid UTF-8 sequence (the chunk length if none). */
function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (!n) return i;
    for (let k = 1; k < n; k++) if (i + k < b.length && (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n;
  }
  return b.length;
}

function looksUtf8(b: Buffer, atEnd: boolean): boolean {
  try {
    // stream: true tolerates a character cut at the end of the window; at the end of the file it must be whole.
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: !atEnd });
    return true;
  } catch {
    return false;
  }
}

export async function* decodeText(bytes: AsyncIterable<Buffer>, forced: Encoding | 'auto'): AsyncIterable<string> {
  let lines = 0;
  const count = (s: string) => {
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
    return s;
  };
  let dec: Decoder | undefined = forced === 'auto' ? undefined : decoder(forced, () => lines);
  let pending: Buffer[] = [];
  let pendingLength = 0;

  const decide = (atEnd: boolean): string => {
    const buf = Buffer.concat(pending);
    pending = [];
    pendingLength = 0;
    const enc: Encoding =
      buf[0] === 0xff && buf[1] === 0xfe ? 'utf16le' : buf[0] === 0xfe && buf[1] === 0xff ? 'utf16be' : looksUtf8(buf, atEnd) ? 'utf8' : 'gb18030';
    dec = decoder(enc, () => lines);
    return count(dec.write(buf));
  };

  for await (const chunk of bytes) {
    if (dec) {
      yield count(dec.write(chunk));
      continue;
    }
    // Undecided: emit the leading ASCII, then gather a window from the first non-ASCII byte (or a BOM) on.
    let start = 0;
    if (!pending.length) {
      const firstHigh = chunk.findIndex((b) => b >= 0x80);
      start = firstHigh < 0 ? chunk.length : firstHigh;
      if (start > 0) yield count(chunk.toString('latin1', 0, start));
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingLength += chunk.length - start;
    }
    if (pendingLength >= WINDOW) yield decide(false);
  }
  if (!dec && pendingLength) yield decide(true);
  if (dec) yield count(dec.end());
}
