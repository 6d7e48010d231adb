// Cell text as Excel shows it, on workbooks built here: rich-text runs joined, phonetic runs left out, CDATA kept,
// `_xHHHH_` escapes decoded, references in any case, ids with a padding format, and Excel's 32,767-character limit.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxAdapter } from '../../src/sources/xlsx.js';
import { HEADER, ROW, sheetXml, writeBook, type Book } from '../fixtures/hostile.js';
import { byField, collect } from './helpers.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fi-xlsx-text-'));
});
const readBook = async (book: Book) => {
  const path = await writeBook(dir, `${Math.random().toString(36).slice(2)}.xlsx`, book);
  return collect((ctx) => xlsxAdapter.read({ path }, ctx));
};

describe('cell text', () => {
  it('joins rich-text runs, leaves phonetic runs out, keeps CDATA and decodes _xHHHH_, in shared strings and inline', async () => {
    const sst = `<?xml version="1.0"?><x:sst xmlns:x="${MAIN}">
      <x:si><x:r><x:t>年</x:t></x:r><x:r><x:t xml:space="preserve">假 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ねん</x:t></x:rPh></x:si>
      <x:si><x:t><![CDATA[a<b & c]]></x:t></x:si>
      <x:si><x:t>line_x000D__x000A_two _x005F_x0041_</x:t></x:si>
    </x:sst>`;
    const s = (i: number, ref: string) => ({ raw: `<c r="${ref}" t="s"><v>${i}</v></c>` });
    const inline = (xml: string, ref: string) => ({ raw: `<c r="${ref}" t="inlineStr"><is>${xml}</is></c>` });
    const { rows } = await readBook({
      sharedStrings: sst,
      sheets: [{ name: 'leaves', xml: sheetXml([HEADER, [...ROW(1).slice(0, 2), s(0, 'c2'), ...ROW(1).slice(3, 6), s(1, 'g2')], [...ROW(2).slice(0, 2), s(2, 'C3'), ...ROW(2).slice(3, 6), inline('<r><t>漢</t></r><r><t>字</t></r><rPh><t>カンジ</t></rPh><t><![CDATA[!]]></t>', 'g3')]]) }],
    });
    expect(rows.map((r) => [byField(r)['i18n_names.ch'], byField(r).reason])).toEqual([
      ['年假 ', 'a<b & c'],
      ['line\r\ntwo _x0041_', '漢字!'],
    ]);
  });

  it('reads a number in an id column as the text its padding format shows', async () => {
    const { rows } = await readBook({ sheets: [{ name: 'leaves', xml: sheetXml([HEADER, [{ v: 12345, s: 1 }, ...ROW(1).slice(1)], [{ v: 678, s: 0 }, ...ROW(2).slice(1)]]) }] });
    expect(rows.map((r) => byField(r).user_id)).toEqual(['00012345', 678]);
  });

  it('reads a cell over 32,767 characters as an invalid cell, and one at the limit whole', async () => {
    const long = 'x'.repeat(32_768);
    const { rows } = await readBook({ sheets: [{ name: 'leaves', xml: sheetXml([HEADER, [...ROW(1).slice(0, 6), long], [...ROW(2).slice(0, 6), long.slice(1)]]) }] });
    expect(byField(rows[0]!).reason).toBe('CellError(#VALUE! (text over 32,767 characters))');
    expect(byField(rows[1]!).reason).toBe(long.slice(1));
  });

  it('decodes a part in the legacy encoding its XML declaration names', async () => {
    const xml = sheetXml([HEADER, [...ROW(1).slice(0, 6), '家中有事']]).replace('encoding="UTF-8"', 'encoding="GB2312"');
    const { rows } = await readBook({ sheets: [{ name: 'leaves', xml: iconv.encode(xml, 'gb18030') }] });
    expect(byField(rows[0]!).reason).toBe('家中有事');
  });
});
