// Opens a workbook as an OOXML package: `_rels/.rels` names the workbook part, the workbook's own rels name its
// sheets, shared strings and styles, each found by relationship type and resolved against the part that names it
// (relative or absolute targets, any prefix on tags and attributes, part names in any case or slash direction).
// Every part is read before any sheet, whatever order the writer stored them in; sheets stream row by row.
import { posix } from 'node:path';
import type { CellError } from '../types.js';
import { sheetRows, type SheetRow } from './xlsx-sheet.js';
import { readSharedStrings } from './xlsx-strings.js';
import { noStyles, readStyles, type NumFmt } from './xlsx-styles.js';
import { DamagedError, OtherFormatError, XmlError } from './xlsx-errors.js';
import { attr, readXml, type XmlHandlers } from './xml.js';
import { openZip, type Zip } from './zip.js';

const MB = 2 ** 20;
/** Bounds on inflated parts, checked against the zip directory before inflating (and held to it while inflating). */
export const LIMITS = {
  /** Workbook, rels, styles: a few kB in real files. */
  part: 32 * MB,
  /** Held in memory while the sheets are read. */
  sharedStrings: 64 * MB,
  /** Streamed, never held: bounded for time only. */
  sheet: 1024 * MB,
};

interface Rel {
  id: string;
  type: string;
  /** The part it points at, resolved; undefined for an external target. */
  part: string | undefined;
}

export interface SheetEntry {
  name: string;
  /** False for a chart, dialog or macro sheet: no rows to read. */
  isWorksheet: boolean;
  /** The worksheet part; undefined when the workbook names one that is not in the zip. */
  part: string | undefined;
}

export interface Workbook {
  /** Every sheet, in workbook order. */
  sheets: SheetEntry[];
  date1904: boolean;
  numFmt: NumFmt;
  /** Streams the rows of one worksheet, in batches (shared strings are loaded on the first call). */
  rows(sheet: SheetEntry): AsyncIterable<SheetRow[]>;
  close(): void;
}

/** Throws DamagedError, TooLargeError, XmlError, or yauzl's own error when the file is not a zip. */
export async function openWorkbook(path: string): Promise<Workbook> {
  const zip = await openZip(path);
  try {
    return await readPackage(zip);
  } catch (e) {
    zip.close();
    throw e;
  }
}

async function readPackage(zip: Zip): Promise<Workbook> {
  const packageRels = await readRels(zip, '');
  const bookPart = packageRels.find((r) => r.type.endsWith('/officeDocument') && r.part && zip.find(r.part))?.part ?? zip.find('xl/workbook.xml');
  const other = otherFormat(zip, bookPart);
  if (other) throw new OtherFormatError(other);
  if (!bookPart) throw new DamagedError('no workbook part');

  const book = await readBook(zip, bookPart);
  const rels = await readRels(zip, bookPart);
  const byType = (type: string) => rels.find((r) => r.type.endsWith(`/${type}`) && r.part && zip.find(r.part))?.part;
  const relById = new Map(rels.map((r) => [r.id, r]));
  const sheets = book.sheets.map(({ name, id }): SheetEntry => {
    const rel = relById.get(id);
    const isWorksheet = !rel || /\/worksheet$/i.test(rel.type);
    return { name, isWorksheet, part: rel?.part && zip.find(rel.part) };
  });
  const stylesPart = byType('styles');
  const numFmt = stylesPart ? await damagedAt(stylesPart, zip.open(stylesPart, LIMITS.part).then(readStyles)) : noStyles;
  const stringsPart = byType('sharedStrings');

  let sharedStrings: (string | CellError)[] | undefined;
  const loadStrings = async () =>
    stringsPart ? damagedAt(stringsPart, zip.open(stringsPart, LIMITS.sharedStrings).then((xml) => readSharedStrings(xml, stringsPart))) : [];
  return {
    sheets,
    date1904: book.date1904,
    numFmt,
    async *rows(sheet) {
      if (!sheet.part) throw new DamagedError(`no worksheet part for sheet ${sheet.name}`);
      const strings = sharedStrings ?? (await loadStrings());
      sharedStrings = strings;
      yield* sheetRows(await zip.open(sheet.part, LIMITS.sheet), { sharedStrings: strings, numFmt, date1904: book.date1904 });
    },
    close: () => zip.close(),
  };
}

function otherFormat(zip: Zip, bookPart: string | undefined): string | undefined {
  if (bookPart?.toLowerCase().endsWith('.bin')) return 'an Excel binary workbook (.xlsb)';
  if (bookPart) return undefined;
  if (zip.find('content.xml') && zip.find('mimetype')) return 'an OpenDocument spreadsheet (.ods)';
  if (zip.names().some((n) => /(^|\/)(Index\.zip|Index\/Document\.iwa)$/.test(n))) return 'an Apple Numbers document';
  if (zip.find('word/document.xml')) return 'a Word document';
  return undefined;
}

/** A fault in a part read whole is a damaged workbook, said with the part and where in it. */
async function damagedAt<T>(part: string, reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (e) {
    throw e instanceof XmlError ? new DamagedError(`${part}, line ${e.line}, column ${e.column}: ${e.reason}`) : e;
  }
}

const readPart = (zip: Zip, part: string, handlers: XmlHandlers) =>
  damagedAt(part, zip.open(part, LIMITS.part).then((xml) => readXml(xml, handlers)));

/** The relationships of `source` (`''` for the package itself), targets resolved to part names. */
async function readRels(zip: Zip, source: string): Promise<Rel[]> {
  const dir = posix.dirname(source);
  const relsPart = zip.find(posix.join(dir, '_rels', `${posix.basename(source)}.rels`));
  if (!relsPart) {
    if (source) throw new DamagedError(`no relationships part for ${source}`);
    return [];
  }
  const rels: Rel[] = [];
  await readPart(zip, relsPart, {
    open(name, a) {
      if (name !== 'Relationship' || a.Id === undefined) return;
      const external = a.TargetMode?.toLowerCase() === 'external';
      rels.push({ id: a.Id, type: a.Type ?? '', part: external || !a.Target ? undefined : resolveTarget(zip, dir, a.Target) });
    },
  });
  return rels;
}

/** A target as a part name: absolute from the package root, else relative to the folder of the source part. */
function resolveTarget(zip: Zip, dir: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t.slice(1) : posix.join(dir === '.' ? '' : dir, t);
  const part = posix.normalize(joined).replace(/^(\.\.\/)+/, '');
  // Targets are URIs (`sheet%201.xml` names `sheet 1.xml`); a few writers make them relative to the package root.
  const candidates = [part, decoded(part), posix.normalize(t).replace(/^\/+/, '')];
  return candidates.find((c) => c !== undefined && zip.find(c)) ?? part;
}

function decoded(uri: string): string | undefined {
  try {
    return decodeURIComponent(uri);
  } catch {
    return undefined;
  }
}

async function readBook(zip: Zip, part: string): Promise<{ sheets: { name: string; id: string }[]; date1904: boolean }> {
  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  await readPart(zip, part, {
    open(name, a) {
      if (name === 'sheet') sheets.push({ name: a.name ?? '', id: attr(a, 'id') ?? '' });
      else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904?.toLowerCase() === 'true';
    },
  });
  return { sheets, date1904 };
}
