// Opens a workbook for streaming: our zip reader picks the parts; exceljs's part parsers (the xforms its streaming
// WorkbookReader uses: internals of exceljs 4.4, its last release, pinned by the lockfile) read workbook.xml, rels and
// styles, and shared strings are read as WorkbookReader reads them. The parts are always read before any sheet,
// whatever order the writer stored them in. Sheets are parsed row by row (xlsx-sheet.ts), never loaded whole.
// Only those few modules are loaded, not all of exceljs (its entry point costs ~0.2 s of startup, its unzip most of it).
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
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
  init(): void;
  parseStream(stream: AsyncIterable<unknown>): Promise<unknown>;
  getStyleModel(id: number): { numFmt?: string } | null;
}

/** The parts of exceljs used here (not in its type declarations). */
interface Xform<M> {
  model: M;
  parseStream(stream: AsyncIterable<unknown>): Promise<M>;
}
interface WorkbookModel {
  sheets?: { name: string; rId: string }[];
}
type SaxEvent = { eventType: 'opentag' | 'closetag'; value: { name: string } } | { eventType: 'text'; value: string };

const require = createRequire(import.meta.url);
const lib = (path: string): unknown => require(`exceljs/lib/${path}`);
const iterateStream = lib('utils/iterate-stream.js') as (stream: Readable) => AsyncIterable<unknown>;
const parseSax = lib('utils/parse-sax.js') as (input: AsyncIterable<unknown>) => AsyncIterable<SaxEvent[]>;
const WorkbookXform = lib('xlsx/xform/book/workbook-xform.js') as new () => Xform<WorkbookModel> & {
  map: { workbookPr?: { model?: { date1904?: boolean } } };
};
const RelationshipsXform = lib('xlsx/xform/core/relationships-xform.js') as new () => Xform<Rel[]>;
const StylesXform = lib('xlsx/xform/style/styles-xform.js') as new () => StyleManager;

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

  const book = new WorkbookXform();
  await book.parseStream(iterateStream(await zip.open(part('xl/workbook.xml', true))));
  const rels = (await new RelationshipsXform().parseStream(iterateStream(await zip.open(part('xl/_rels/workbook.xml.rels', true))))) ?? [];
  const target = (type: string) => rels.find((x) => x.Type.endsWith(`/${type}`));
  const resolve = (rel: Rel) => part(rel.Target.startsWith('/') ? rel.Target.slice(1) : posix.normalize(posix.join('xl', rel.Target)));

  // Without a styles part, the defaults WorkbookReader starts from.
  let styles = new StylesXform();
  styles.init();
  const stylesRel = target('styles');
  // styles: without them every date cell reads as a plain number (exceljs #1430).
  if (stylesRel && zip.has(resolve(stylesRel))) {
    styles = new StylesXform();
    await styles.parseStream(iterateStream(await zip.open(resolve(stylesRel))));
    knowEastAsianDates(styles);
  }

  const sheets = (book.model?.sheets ?? []).flatMap((s) => {
    const rel = rels.find((x) => x.Id === s.rId);
    return rel ? [{ name: s.name, part: resolve(rel) }] : [];
  });
  const date1904 = book.map.workbookPr?.model?.date1904 === true;
  const formats = new Map<number, string | undefined>();
  const numFmt = (styleId: number) => {
    if (!formats.has(styleId)) formats.set(styleId, styles.getStyleModel(styleId)?.numFmt);
    return formats.get(styleId);
  };
  let sharedStrings: unknown[] | undefined;
  return {
    sheetNames: sheets.map((s) => s.name),
    date1904,
    async *sheet(name) {
      const s = sheets.find((x) => x.name === name);
      if (!s) throw new Error(`no sheet ${name}`);
      const stringsRel = target('sharedStrings');
      if (!sharedStrings) {
        sharedStrings = stringsRel && zip.has(resolve(stringsRel)) ? await readSharedStrings(await zip.open(resolve(stringsRel))) : [];
      }
      yield* sheetRows(await zip.open(s.part), { sharedStrings, numFmt, date1904 });
    },
  };
}

/**
 * sharedStrings.xml as exceljs's WorkbookReader caches it (its `_parseSharedStrings`, minus the fonts nobody reads):
 * each <si> becomes its text, or `{ richText: [{ text }] }` when it has formatting runs. Kept to the letter, quirks
 * included, so every cell reads as it always has.
 */
async function readSharedStrings(xml: Readable): Promise<unknown[]> {
  const strings: unknown[] = [];
  let text: string | null = null;
  let richText: { text: string | null }[] = [];
  for await (const events of parseSax(iterateStream(xml))) {
    for (const e of events) {
      if (e.eventType === 'opentag') {
        if (e.value.name === 'si') {
          richText = [];
          text = null;
        } else if (e.value.name === 't') text = null;
      } else if (e.eventType === 'text') {
        text = text ? text + e.value : e.value;
      } else if (e.value.name === 'r') {
        richText.push({ text });
        text = null;
      } else if (e.value.name === 'si') {
        strings.push(richText.length ? { richText } : text);
        richText = [];
        text = null;
      }
    }
  }
  return strings;
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
