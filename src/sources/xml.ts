// Reading one XML part: the scanner of xml-scan.ts driven over the part's bytes (`scanned`, which the sheet reader
// drains itself, attribute by attribute), or handlers called with each tag's attributes (`parseXml`: the workbook,
// its relationships, styles and shared strings). Tag names come without their prefix; errors carry the line and
// column where the XML broke.
import { byteText } from './xml-decode.js';
import { CLOSE, MORE, OPEN, XmlScanner } from './xml-scan.js';

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  /** Character data, CDATA sections included (they are text like any other); long text may come in pieces. */
  text?(text: string): void;
}

/** The most text written to the scanner before it is handed back to be drained. */
const PIECE = 1 << 14;

/**
 * The scanner over `bytes` (as UTF-8 byte text: xml-decode.ts), handed back after each piece of at most 16 K characters
 * is written, and once more after the end: the caller drains `next()` each time, so the rows a piece completed can be
 * handed on (and collected) before the next is parsed. Once `stop()` says the rest is not needed, the bytes are still
 * read to the end (the zip layer checks the part's CRC there) but neither decoded nor scanned.
 */
export async function* scanned(bytes: AsyncIterable<Buffer>, stop: () => boolean): AsyncGenerator<XmlScanner> {
  const scan = new XmlScanner();
  for await (const text of byteText(bytes, stop)) {
    for (let at = 0; at < text.length && !stop(); at += PIECE) {
      scan.write(at === 0 && text.length <= PIECE ? text : text.slice(at, at + PIECE));
      yield scan;
    }
  }
  if (stop()) return;
  scan.end();
  yield scan;
}

/** The value of an attribute by its local name, whatever its prefix (`r:id`, `relationships:id`, `ns2:id`). */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  const plain = attrs[local];
  if (plain !== undefined) return plain;
  for (const key in attrs) if (key.endsWith(`:${local}`)) return attrs[key];
  return undefined;
}

/**
 * Parses `bytes` with `handlers`, yielding after each piece so that a caller can hand out what it completed. Once
 * `stop()` says the rest is not needed, the bytes are still read to the end but not parsed: the zip layer checks the
 * part's CRC there. A fault anywhere, the end of the part included, throws XmlError.
 */
export async function* parseXml(bytes: AsyncIterable<Buffer>, handlers: XmlHandlers, stop: () => boolean = () => false): AsyncGenerator<void> {
  const { open, close, text } = handlers;
  for await (const scan of scanned(bytes, stop)) {
    try {
      for (let token = scan.next(); token !== MORE; token = scan.next()) {
        if (token === OPEN) open?.(scan.name, attributes(scan));
        else if (token === CLOSE) close?.(scan.name);
        else if (text) text(scan.text());
      }
    } catch (e) {
      scan.located(e); // a handler's own XmlError gets the scanner's position
    }
    yield;
  }
}

/** A fresh object per tag (a handler may keep it), without a prototype: an attribute named `constructor` is just that. */
function attributes(scan: XmlScanner): Record<string, string> {
  const attrs = Object.create(null) as Record<string, string>;
  for (let i = 0; i < scan.attrCount; i++) attrs[scan.attrName(i)] = scan.attr(i);
  return attrs;
}

/** Parses a whole part (one that is read before any row: workbook, rels, styles, shared strings). */
export async function readXml(bytes: AsyncIterable<Buffer>, handlers: XmlHandlers): Promise<void> {
  for await (const _ of parseXml(bytes, handlers));
}
