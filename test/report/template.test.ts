import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIELDS, REQUIRED_COLUMNS, fieldOfHeader, kindOfSheet } from '../../src/fields.js';
import { TEMPLATE_ROWS, dropDownNames, writeTemplate } from '../../src/report/template.js';
import { KINDS } from '../../src/types.js';
import { openpyxl, python, readBack, rowValues, sheetOf, tempFile, wallText } from './helpers.js';

async function template(lang: 'en' | 'zh' = 'en'): Promise<{ path: string; wb: ExcelJS.Workbook }> {
  const path = tempFile(`template-${lang}.xlsx`);
  await writeTemplate(path, lang);
  return { path, wb: await readBack(path) };
}

describe('writeTemplate', () => {
  it('has the instructions and one sheet per kind, with the canonical headers the readers map back', async () => {
    const { wb } = await template();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['instructions', ...KINDS]);
    for (const kind of KINDS) {
      const ws = sheetOf(wb, kind);
      expect(kindOfSheet(ws.name)).toBe(kind);
      const headers = rowValues(ws, 1);
      expect(headers).toEqual(FIELDS[kind].map((f) => f.name));
      for (const h of headers) expect(fieldOfHeader(kind, String(h))).toBe(h);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.actualRowCount).toBe(1);
    }
  });

  it('explains every header in a note: the field, its aliases, its values, whether it is required', async () => {
    const { wb } = await template();
    for (const kind of KINDS) {
      FIELDS[kind].forEach((spec, i) => {
        const note = String(sheetOf(wb, kind).getRow(1).getCell(i + 1).note);
        expect(note).toContain(spec.doc.en);
        for (const alias of spec.aliases) expect(note).toContain(alias);
        for (const [, names] of spec.enum ?? []) for (const name of names) expect(note).toContain(name);
        expect(note.includes('Required.')).toBe(REQUIRED_COLUMNS[kind].includes(spec.name));
      });
    }
  });

  it('writes notes and instructions in Chinese when asked', async () => {
    const { wb } = await template('zh');
    expect(String(sheetOf(wb, 'leaves').getCell('A1').note)).toContain(FIELDS.leaves[0]!.doc.zh);
    const text = JSON.stringify(sheetOf(wb, 'instructions').getSheetValues());
    expect(text).toContain('导入模板');
    expect(text).toContain('退出码');
    expect(text).toContain('请假记录');
  });

  it('lists per kind what the sheet holds and its required columns, and the exit codes', async () => {
    const { wb } = await template();
    const ws = sheetOf(wb, 'instructions');
    const lines: unknown[][] = [];
    ws.eachRow((_, n) => lines.push(rowValues(ws, n)));
    expect(lines).toContainEqual(['leaves / 请假', expect.stringContaining('Leaves'), 'user_id, start_time, end_time, unit, reason, one of (uniq_id | type | i18n_names.ch | i18n_names.en | i18n_names.ja)']);
    expect(lines).toContainEqual(['remedies / 补卡', expect.any(String), REQUIRED_COLUMNS.remedies.join(', ')]);
    expect(lines.map((l) => l[0])).toEqual(expect.arrayContaining(['0', '1', '2']));
  });

  it.skipIf(!python)('has a drop-down on every enum column and a prompt on list columns (read by openpyxl)', async () => {
    const { path } = await template();
    const got = openpyxl<Record<string, { sqref: string; type: string | null; formula1: string | null; prompt: string | null }[]>>(
      path,
      'print(json.dumps({ws.title: [{"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1, "prompt": dv.prompt} for dv in ws.data_validations.dataValidation] for ws in wb.worksheets}))',
    );
    for (const kind of KINDS) {
      const specs = FIELDS[kind];
      const expected = specs.flatMap((spec, i): { sqref: string; type: string | null; formula1: string | null; prompt: unknown }[] => {
        if (!spec.enum) return [];
        const col = String.fromCharCode(65 + i);
        const sqref = `${col}2:${col}${TEMPLATE_ROWS}`;
        return spec.type === 'enum_list'
          ? [{ sqref, type: null, formula1: null, prompt: expect.stringContaining('plane') }]
          : [{ sqref, type: 'list', formula1: `"${dropDownNames(spec).join(',')}"`, prompt: expect.any(String) }];
      });
      expect(got[kind]).toEqual(expect.arrayContaining(expected));
      expect(got[kind]).toHaveLength(expected.length);
    }
    expect(dropDownNames(FIELDS.leaves.find((s) => s.name === 'unit')!)).toEqual(['day', 'hour', 'half_day', 'half_hour']);
    expect(dropDownNames(FIELDS.remedies.find((s) => s.name === 'status')!)).toEqual(['pending', 'approved', 'rejected']);
  });

  it('formats time columns as date-times and keeps date and id columns text, also in rows filled in later', async () => {
    const { path } = await template();
    // Fill the template the way a user's spreadsheet program would: open it, type values, save.
    const wb = await readBack(path);
    const leaves = sheetOf(wb, 'leaves');
    const col = (name: string) => FIELDS.leaves.findIndex((f) => f.name === name) + 1;
    const row = leaves.getRow(2);
    row.getCell(col('user_id')).value = '7212345678901234567';
    row.getCell(col('date')).value = '20260302';
    row.getCell(col('type')).value = '=not a formula';
    row.getCell(col('unit')).value = 'day';
    row.getCell(col('start_time')).value = new Date(Date.UTC(2026, 2, 2, 9, 0, 0));
    row.getCell(col('end_time')).value = new Date(Date.UTC(2026, 2, 2, 18, 0, 0));
    row.getCell(col('reason')).value = 'family';
    const remedies = sheetOf(wb, 'remedies');
    remedies.getRow(2).getCell(FIELDS.remedies.findIndex((f) => f.name === 'remedy_time') + 1).value = new Date(Date.UTC(2026, 2, 2, 9, 5));
    const filled = tempFile('filled.xlsx');
    await wb.xlsx.writeFile(filled);

    const back = await readBack(filled);
    const ws = sheetOf(back, 'leaves');
    expect(rowValues(ws, 1)).toEqual(FIELDS.leaves.map((f) => f.name));
    const r = ws.getRow(2);
    expect(wallText(r.getCell(col('start_time')).value)).toBe('2026-03-02 09:00:00');
    expect(r.getCell(col('start_time')).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(r.getCell(col('date')).numFmt).toBe('@');
    expect(r.getCell(col('user_id')).numFmt).toBe('@');
    expect(r.getCell(col('type')).type).toBe(ExcelJS.ValueType.String);
    const remedyTime = sheetOf(back, 'remedies').getRow(2).getCell(FIELDS.remedies.findIndex((f) => f.name === 'remedy_time') + 1);
    expect(remedyTime.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(wallText(remedyTime.value)).toBe('2026-03-02 09:05:00');
  });
});
