// The text of one XML part's bytes, for the scanner: as UTF-8 *bytes*, one character per byte (a latin1 string).
// XML's syntax is ASCII, so the scanner finds every tag, quote and entity in such a string exactly as in the decoded
// text; it turns only the values it hands out back into text (`fromBytes`). One representation for every part: V8
// compiles the scanner for one-byte strings, and a part with Chinese text (two-byte once decoded: the shared strings,
// an inline string) made the whole scanner ≈ 1.6× slower for every part after it, the sheets among them. Besides,
// latin1 "decoding" is a copy.
//
// Encodings: UTF-8 (a BOM is dropped); UTF-16 as Excel Mobile writes it, told by its byte-order mark or its first
// bytes; or a legacy encoding an exporter declares (iconv-lite, loaded only for such a part). Those are decoded and
// encoded again as UTF-8.

import type { Decoder } from './xml-legacy.js';

/** A value the scanner cut from byte text: the text it is. */
export const fromBytes = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');

/** Whether byte text holds anything but ASCII (and so needs `fromBytes`). */
export const NON_ASCII = /[\x80-\xff]/;

/**
 * The bytes of a part as UTF-8 byte text, chunk by chunk. Once `stop()` says the rest is not needed, the bytes are
 * still read to the end (the zip layer checks the part's CRC there) but not decoded.
 */
export async function* byteText(bytes: AsyncIterable<Buffer>, stop: () => boolean): AsyncGenerator<string> {
  let decoder: Decoder | null | undefined; // null: UTF-8, taken as it is
  let head: Buffer | undefined;
  let stopped = false;
  for await (const chunk of bytes) {
    if (stopped) continue;
    let b = chunk;
    if (decoder === undefined) {
      // The encoding is told by the first bytes: wait for four of them.
      b = head ? Buffer.concat([head, chunk]) : chunk;
      if (b.length < 4) {
        head = b;
        continue;
      }
      decoder = await decoderFor(b);
      if (decoder === null && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    yield decoder ? Buffer.from(decoder.decode(b, { stream: true }), 'utf8').toString('latin1') : b.toString('latin1');
    if (stop()) stopped = true;
  }
  if (stopped) return;
  if (decoder === undefined) {
    // Under four bytes in all.
    const b = head ?? Buffer.alloc(0);
    decoder = await decoderFor(b);
    if (!decoder) return yield b.toString('latin1');
    yield Buffer.from(decoder.decode(b, { stream: true }), 'utf8').toString('latin1');
  }
  if (decoder) yield Buffer.from(decoder.decode(), 'utf8').toString('latin1');
}

async function decoderFor(b: Buffer): Promise<Decoder | null> {
  // A BOM is consumed by the decoder itself; without one, `<?` in UTF-16 shows as 3C 00 or 00 3C.
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00)) return new TextDecoder('utf-16le');
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c)) return new TextDecoder('utf-16be');
  // An exporter may declare a legacy encoding (`GB2312`, `windows-1252`): honour it rather than garble the text.
  const declared = /<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(b.toString('latin1', 0, Math.min(b.length, 256)))?.[1]?.toLowerCase();
  if (declared && !/^utf-?(8|16)/.test(declared)) {
    const legacy = (await import('./xml-legacy.js')).legacyDecoder(declared);
    if (legacy) return legacy;
  }
  return null;
}
