// The sheet XML parser on hand-written XML: cases the fixture writers do not produce.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NO_RESULT, isDateFormat, serialToWallTime } from '../../src/sources/xlsx-cells.js';
import { sheetRows } from '../../src/sources/xlsx-sheet.js';

const FORMATS: Record<number, string> = { 1: 'yyyy-mm-dd hh:mm', 2: '0.00' };
const rowsOf = async (sheetData: string, sharedStrings: string[] = [], date1904 = false, size = 2) => {
  const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetData}</worksheet>`;
  // two-byte chunks by default: characters split across chunks must come out whole
  const bytes = Buffer.from(xml);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out = [];
  for await (const batch of sheetRows(Readable.from(chunks), { sharedStrings, numFmt: (s) => FORMATS[s], date1904 })) {
    for (const row of batch) out.push([row.number, ...row.values.map((v, i) => [row.cols[i], v === NO_RESULT ? 'NO_RESULT' : v && typeof v === 'object' ? `${v.constructor.name}(${String(v)})` : v])]);
  }
  return out;
};

describe('sheet XML', () => {
  it('reads every cell type, formula results of 0, empty text and errors included', async () => {
    const sheetWith = `<sheetData><row r="2">
      <c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>
      <c r="C2" t="inlineStr"><is><r><t>年</t></r><r><t xml:space="preserve">假 </t></r><rPh><t>ねん</t></rPh></is></c>
      <c r="D2" s="1"><v>46083.375</v></c><c r="E2" s="2"><v>1.5</v></c><c r="F2" t="b"><v>1</v></c>
      <c r="G2" t="e"><v>#N/A</v></c><c r="H2"><f>1-1</f><v>0</v></c><c r="I2" t="str"><f>""</f><v></v></c>
      <c r="J2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="K2" s="1"><f>D2</f></c><c r="L2" t="d"><v>2026-03-02T09:30:00Z</v></c>
      <c r="M2" s="1"/></row></sheetData>`;
    const rows = await rowsOf(sheetWith, ['E001', '家中有事']);
    // Whole, most cells are read at once (XmlScanner.textOnly); in two-byte chunks, token by token: the same cells.
    expect(await rowsOf(sheetWith, ['E001', '家中有事'], false, 1 << 20)).toEqual(rows);
    expect(rows).toEqual([[2,
      [1, 'E001'], [2, '家中有事'], [3, '年假 '], [4, 'WallTime(2026-03-02 09:00:00)'], [5, 1.5], [6, true],
      [7, 'CellError(#N/A)'], [8, 0], [9, ''], [10, 'CellError(#DIV/0!)'], [11, 'NO_RESULT'], [12, 'WallTime(2026-03-02 09:30:00)'], [13, null],
    ]]);
  });

  it('reads numbers and shared-string indexes the same however they are written and cut', async () => {
    // Read in place when plain; spaces, signs, exponents, entities and text in pieces go through the text as before.
    const sheet = `<sheetData><row r="007"><c r="A7" s="2"><v>46083.375</v></c><c r="B7"><v> 7 </v></c><c r="C7"><v>1<!-- -->2</v></c>
      <c r="D7" t="n"><v>-1.5e2</v></c><c r="E7" t="s"><v>1</v></c><c r="F7" t="s"><v>&#49;</v></c><c r="G7" t="s"><v>0<?pi?>1</v></c>
      <c r="H7" s=" 1 "><v>46083.375</v></c><c r="I7" s="&#49;"><v>+3</v></c><c r="J7"><v>1234567890123456789</v></c></row></sheetData>`;
    const expected = [[7,
      [1, 46083.375], [2, 7], [3, 12], [4, -150], [5, 'b'], [6, 'b'], [7, 'b'],
      [8, 'WallTime(2026-03-02 09:00:00)'], [9, 'WallTime(1900-01-02 00:00:00)'], [10, 1234567890123456789],
    ]];
    for (const size of [1, 2, 5, 1 << 20]) expect(await rowsOf(sheet, ['a', 'b'], false, size), `chunks of ${size} bytes`).toEqual(expected);
  });

  it('reads prefixed tags and rows or cells without references', async () => {
    const rows = await rowsOf('<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row><x:row r="4"><x:c r="C4"><x:v>1</x:v></x:c></x:row></x:sheetData>');
    expect(rows).toEqual([[1, [1, 'a'], [2, 7]], [4, [3, 1]]]);
  });

  it('decodes entities and line ends as XML does, whatever the chunks cut through', async () => {
    // Two-byte chunks: every entity and every CR LF here is cut somewhere; &#13; is a CR kept, a literal CR LF a LF.
    const sheet = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>R&amp;D &lt;x&gt; &#x5E74;&#20551;&#13;&#10;a\r\nb\rc</t></is></c><c r="B1" t="str"><v>&quot;q&apos;</v></c><c r="C1" t="str"><v>年\r\n假&amp;</v></c></row></sheetData>';
    for (const size of [2, 1 << 20]) {
      expect(await rowsOf(sheet, [], false, size), `chunks of ${size} bytes`).toEqual([[1, [1, 'R&D <x> 年假\r\na\nb\nc'], [2, '"q\''], [3, '年\n假&']]]);
    }
  });

  it('reads a cell at once only when it is one plain <v> and its end, else token by token, alike', async () => {
    const sheet = `<sheetData><row r="1"><c r="A1"><v>1</v><f>A2</f></c><c r="B1"><v>2</v ></c><c r="C1"><v>3</v></c ><c r="D1"><v a="1">4</v></c>
      <c r="E1"><v></v></c><c r="F1" t="str"><v>x<!-- -->y</v></c><x:c r="G1" xmlns:x="urn:x"><x:v>7</x:v></x:c><c r="H1"/><c r="I1"><v>9</v></c></row></sheetData>`;
    const expected = [[1, [1, 1], [2, 2], [3, 3], [4, 4], [5, null], [6, 'xy'], [7, 7], [8, null], [9, 9]]];
    for (const size of [1, 3, 1 << 20]) expect(await rowsOf(sheet, [], false, size), `chunks of ${size} bytes`).toEqual(expected);
  });

  it.each([
    ['an undefined entity', '<sheetData><row><c t="str"><v>&nbsp;</v></c></row></sheetData>', /undefined entity/],
    ['a bare ampersand', '<sheetData><row><c t="str"><v>a & b</v></c></row></sheetData>', /entity name/],
    ['an entity cut by a tag', '<sheetData><row><c t="str"><v>&amp</v></c></row></sheetData>', /entity name/],
    ['a close tag out of order', '<sheetData><row><c><v>1</c></v></row></sheetData>', /closing tag/],
    ['a row left open', '<sheetData><row><c><v>1</v>', /unmatched closing tag: worksheet/],
    ['an undefined entity in a number', '<sheetData><row><c><v>&nbsp;</v></c></row></sheetData>', /undefined entity/],
  ])('refuses %s, with its line and column', async (_what, sheetData, reason) => {
    // Token by token (two-byte chunks) and whole (where a cell may be read at once).
    for (const size of [2, 1 << 20]) {
      await expect(rowsOf(sheetData, [], false, size), `chunks of ${size} bytes`).rejects.toMatchObject({ name: 'XmlError', reason: expect.stringMatching(reason), line: 1, column: expect.any(Number) });
    }
  });

  it('honours the 1904 date system', async () => {
    expect(await rowsOf('<sheetData><row r="1"><c r="A1" s="1"><v>44621.5</v></c></row></sheetData>', [], true)).toEqual([[1, [1, 'WallTime(2026-03-02 12:00:00)']]]);
  });
});

describe('date formats', () => {
  it.each([
    ['yyyy"年"m"月"d"日"', true], ['yyyy/m/d h:mm', true], ['[$-F800]dddd, mmmm dd, yyyy', true], ['h"时"mm"分"', true],
    ['General', false], ['0.00', false], ['#,##0 "元"', false], ['[Red]0.00', false], ['@', false],
  ])('%s → %s', (fmt, isDate) => expect(isDateFormat(fmt)).toBe(isDate));

  it('rounds float noise to the second the cell shows', () => {
    expect(String(serialToWallTime(46083.37499999999, false))).toBe('2026-03-02 09:00:00');
  });
});
