// Driving saxes over the bytes of one XML part: decoding (UTF-8; UTF-16 as Excel Mobile writes it, told by its
// byte-order mark or its first bytes; a legacy encoding an exporter declares), namespace prefixes, and errors with
// the line and column where the XML broke.
// Every part parser of the xlsx reader (workbook, rels, styles, shared strings, sheets) is a set of handlers on this.
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { XmlError } from './xlsx-errors.js';

export type Tag = SaxesTagPlain;

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  /** Character data, CDATA sections included (they are text like any other). */
  text?(text: string): void;
}

/** `x:row` → `row`. No regex: this runs for every tag of a sheet. */
export function localName(name: string): string {
  if (name.length === 1) return name; // c, v, f, t, r: most tags, and too short to have a prefix
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The value of an attribute by its local name, whatever its prefix (`r:id`, `relationships:id`, `ns2:id`). */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  const plain = attrs[local];
  if (plain !== undefined) return plain;
  for (const key in attrs) if (key.endsWith(`:${local}`)) return attrs[key];
  return undefined;
}

/**
 * Parses `bytes` with `handlers`, yielding after each chunk so that a caller can hand out what the chunk completed.
 * Once `stop()` says the rest is not needed, the bytes are still read to the end but not parsed: the zip layer checks
 * the part's CRC there. A fault anywhere, the end of the part included, throws XmlError.
 */
export async function* parseXml(bytes: AsyncIterable<Buffer>, handlers: XmlHandlers, stop: () => boolean = () => false): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: true });
  let error: XmlError | undefined;
  parser.on('error', (e) => {
    // saxes reports further errors after the first one; the first is the one that tells what went wrong.
    error ??= new XmlError(e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, ''), parser.line, parser.column);
  });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  for await (const chunk of decodedText(bytes, stop)) {
    write(parser, chunk, handlers);
    if (error) throw error;
    yield;
  }
  if (stop()) return;
  if (!error) parser.close();
  if (error) throw error;
  yield;
}

/**
 * The text of `bytes`, chunk by chunk, in the encoding their first bytes tell. Once `stop()` says the rest is not
 * needed, the bytes are still read to the end (the zip layer checks the part's CRC there) but not decoded.
 */
export async function* decodedText(bytes: AsyncIterable<Buffer>, stop: () => boolean): AsyncGenerator<string> {
  let decoder: Decoder | undefined;
  let head: Buffer | undefined;
  let stopped = false;
  for await (const chunk of bytes) {
    if (stopped) continue;
    let b = chunk;
    if (!decoder) {
      // The encoding is told by the first bytes: wait for four of them.
      b = head ? Buffer.concat([head, chunk]) : chunk;
      if (b.length < 4) {
        head = b;
        continue;
      }
      decoder = decoderFor(b);
    }
    yield decoder.decode(b, { stream: true });
    if (stop()) stopped = true;
  }
  if (stopped) return;
  if (!decoder) {
    decoder = decoderFor(head ?? Buffer.alloc(0));
    yield decoder.decode(head, { stream: true });
  }
  yield decoder.decode();
}

/** Parses a whole part (one that is read before any row: workbook, rels, styles, shared strings). */
export async function readXml(bytes: AsyncIterable<Buffer>, handlers: XmlHandlers): Promise<void> {
  for await (const _ of parseXml(bytes, handlers));
}

/** A handler may throw an XmlError of its own (a cell outside the sheet): it gets the parser's position here. */
function write(parser: SaxesParser, text: string, handlers: XmlHandlers): void {
  try {
    parser.write(text);
  } catch (e) {
    if (e instanceof XmlError && e.line === 0) throw new XmlError(e.reason, parser.line, parser.column);
    throw e;
  }
  bound(parser, handlers);
}

// saxes's states (saxes 6 internals) in which it accumulates a text node, a CDATA section or a comment.
const S_TEXT = 13;
const S_COMMENT = 17;
const S_CDATA = 20;
const FLUSH_CHARS = 1 << 16;
const MAX_PENDING_CHARS = 1 << 24;

/**
 * saxes hands out a text node only when it ends, holding it whole until then: a cell of a gigabyte would be a string of
 * a gigabyte. Hand pending text on to the handler after each chunk instead (it keeps what it needs and drops the rest;
 * the split is invisible to it, text arrives in pieces anyway), drop a pending comment, and refuse anything else
 * that grows past 16 M characters (an attribute value, a tag name).
 */
function bound(parser: SaxesParser, handlers: XmlHandlers): void {
  const p = parser as unknown as { text?: unknown; state?: unknown; name?: unknown };
  if (typeof p.text === 'string' && p.text.length > FLUSH_CHARS) {
    if (p.state === S_TEXT || p.state === S_CDATA) {
      handlers.text?.(p.text);
      p.text = '';
    } else if (p.state === S_COMMENT) p.text = '';
    else if (p.text.length > MAX_PENDING_CHARS) throw new XmlError('a single value is longer than 16 M characters', parser.line, parser.column);
  }
  if (typeof p.name === 'string' && p.name.length > MAX_PENDING_CHARS) throw new XmlError('a tag name is longer than 16 M characters', parser.line, parser.column);
}

interface Decoder {
  /** With `stream`, the text of these bytes so far; without, the rest. */
  decode(bytes?: Buffer, opts?: { stream: boolean }): string;
}

function decoderFor(b: Buffer): Decoder {
  // A BOM is consumed by the decoder itself; without one, `<?` in UTF-16 shows as 3C 00 or 00 3C.
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00)) return new TextDecoder('utf-16le');
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c)) return new TextDecoder('utf-16be');
  // An exporter may declare a legacy encoding (`GB2312`, `windows-1252`): honour it rather than garble the text.
  const declared = /<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(b.toString('latin1', 0, Math.min(b.length, 256)))?.[1]?.toLowerCase();
  if (declared && !/^utf-?(8|16)/.test(declared) && iconv.encodingExists(declared)) {
    const d = iconv.getDecoder(declared);
    return { decode: (bytes, opts) => (opts?.stream ? (bytes ? d.write(bytes) : '') : (d.end() ?? '')) };
  }
  return new TextDecoder('utf-8');
}
