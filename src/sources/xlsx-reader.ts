// Opens a workbook for streaming: our zip reader picks the parts; exceljs's streaming WorkbookReader parses
// workbook.xml, rels, styles and shared strings (its part parsers, internals of exceljs 4.4, its last release, pinned
// by the lockfile) instead of its `parse()`, so they are always read before any sheet, whatever order the writer
// stored them in. Sheets are parsed row by row (xlsx-sheet.ts), never loaded whole.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetRows, type SheetRow } from './xlsx-sheet.js';
import { openZip, type Zip } from './zip.js';

/** East-Asian built-in number formats (ECMA-376 §18.8.30): dates and times that have no <numFmt> in styles.xml. */
const EAST_ASIAN_DATE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
  54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

interface Rel {
  Id: string;
  Type: string;
  Target: string;
}

interface StyleManager {
  model: { styles: ({ numFmtId?: number } | undefined)[] };
  getStyleModel(id: number): { numFmt?: string } | null;
}

/** The parts of WorkbookReader used here (not in exceljs's type declarations). */
interface ReaderInternals {
  model?: { sheets?: { name: string; rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: Rel[];
  styles: StyleManager;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  sharedStrings?: unknown[];
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}

export interface Workbook {
  /** Sheet names in workbook order. */
  sheetNames: string[];
  date1904: boolean;
  /** Streams the rows of one sheet (shared strings are loaded on the first call). */
  sheet(name: string): AsyncIterable<SheetRow>;
}

/** Throws (any error) when the file is not a readable workbook; the adapter turns that into one InputError line. */
export async function openWorkbook(path: string): Promise<Workbook> {
  const zip = await openZip(path);
  const part = partFinder(zip);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache' });
  const r = reader as unknown as ReaderInternals;

  await r._parseWorkbook(await zip.open(part('xl/workbook.xml', true)));
  await r._parseRels(await zip.open(part('xl/_rels/workbook.xml.rels', true)));
  const rels = r.workbookRels ?? [];
  const target = (type: string) => rels.find((x) => x.Type.endsWith(`/${type}`));
  const resolve = (rel: Rel) => part(rel.Target.startsWith('/') ? rel.Target.slice(1) : posix.normalize(posix.join('xl', rel.Target)));

  const stylesRel = target('styles');
  // styles: without them every date cell reads as a plain number (exceljs #1430).
  if (stylesRel && zip.has(resolve(stylesRel))) {
    await r._parseStyles(await zip.open(resolve(stylesRel)));
    knowEastAsianDates(r.styles);
  }

  const sheets = (r.model?.sheets ?? []).flatMap((s) => {
    const rel = rels.find((x) => x.Id === s.rId);
    return rel ? [{ name: s.name, part: resolve(rel) }] : [];
  });
  const date1904 = r.properties?.model?.date1904 === true;
  const formats = new Map<number, string | undefined>();
  const numFmt = (styleId: number) => {
    if (!formats.has(styleId)) formats.set(styleId, r.styles.getStyleModel(styleId)?.numFmt);
    return formats.get(styleId);
  };
  let stringsLoaded = false;
  return {
    sheetNames: sheets.map((s) => s.name),
    date1904,
    async *sheet(name) {
      const s = sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name}`);
      const stringsRel = target('sharedStrings');
      if (!stringsLoaded && stringsRel && zip.has(resolve(stringsRel))) {
        for await (const _ of r._parseSharedStrings(await zip.open(resolve(stringsRel)))); // 'cache' fills r.sharedStrings
      }
      stringsLoaded = true;
      yield* sheetRows(await zip.open(s.part), { sharedStrings: r.sharedStrings ?? [], numFmt, date1904 });
    },
  };
}

/** Zip part names are case-sensitive but some writers disagree on case: look them up loosely. */
function partFinder(zip: Zip) {
  const byLower = new Map(zip.names().map((n) => [n.toLowerCase(), n]));
  return (name: string, required = false) => {
    const found = byLower.get(name.toLowerCase());
    if (!found && required) throw new Error(`missing part ${name}`);
    return found ?? name;
  };
}

/**
 * Built-in East-Asian date formats (id 31 = yyyy"年"m"月"d"日", what Chinese Excel writes) are unknown to exceljs,
 * so such cells read as numbers (exceljs #2893). Give those ids their zh-CN format code.
 */
function knowEastAsianDates(styles: StyleManager): void {
  const get = styles.getStyleModel.bind(styles);
  styles.getStyleModel = (id) => {
    const model = get(id);
    const fmtId = styles.model.styles[id]?.numFmtId;
    if (model && !model.numFmt && fmtId !== undefined && EAST_ASIAN_DATE_FORMATS[fmtId]) model.numFmt = EAST_ASIAN_DATE_FORMATS[fmtId];
    return model;
  };
}
