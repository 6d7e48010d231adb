// Text as Excel shows it, shared by shared strings and sheet cells: escapes decoded, and Excel's length limit.
import type { CellError } from '../types.js';
import { MAX_CELL_CHARS, tooLong } from './limits.js';

/**
 * `_xHHHH_` is how OOXML writes a character XML cannot hold (`_x000D_` for a carriage return); `_x005F_` escapes
 * the underscore of a literal `_x…_`.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Raw text kept while reading one cell: room for the limit written with `_xHHHH_` escapes (7 characters each), and
 * past it the text is cut, so a hostile cell of a gigabyte costs no more than this.
 */
const MAX_RAW_CHARS = MAX_CELL_CHARS * 7 + 1;

/** Appends `more` to a text being read, cut past what any cell within the limit could need. */
export function appendCapped(text: string, more: string): string {
  const room = MAX_RAW_CHARS - text.length;
  return room <= 0 ? text : text + (more.length > room ? more.slice(0, room) : more);
}

/** A cell's finished text: escapes decoded, or the too-long error when it is over Excel's limit. */
export function finishText(raw: string): string | CellError {
  const text = decodeEscapes(raw);
  return text.length > MAX_CELL_CHARS ? tooLong() : text;
}
