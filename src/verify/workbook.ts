// The verify workbook: every input row (the inputs streamed again, as the results workbook does) with its
// verify_status, approval_id and detail, one sheet per input sheet, then a summary of statuses per kind.
import type ExcelJS from 'exceljs';
import { reasonText, t } from '../messages/index.js';
import { writeTable } from '../report/rows.js';
import { isIdField, outputSheetName, squashHeader, uniqueSheetName } from '../report/table.js';
import { FILL, FONT, colourStatus, withWorkbook } from '../report/workbook.js';
import { bySheet } from '../report/sheets.js';
import type { ResolvedInputs } from '../sources/types.js';
import { KINDS, rowKey, type Cell, type InputRow, type SheetInfo } from '../types.js';
import type { Verdict, VerifyStatus } from './compare.js';

/** Fixed English identifiers after the input columns, since other programs read them. */
const VERIFY_COLUMNS = ['verify_status', 'approval_id', 'detail'] as const;
export const VERIFY_STATUSES: readonly VerifyStatus[] = ['present', 'missing', 'different', 'invalid', 'unchecked'];

const STYLE: Record<VerifyStatus, { fill: string; font: string }> = {
  present: { fill: FILL.good, font: FONT.good },
  missing: { fill: FILL.bad, font: FONT.bad },
  different: { fill: FILL.bad, font: FONT.bad },
  invalid: { fill: FILL.muted, font: FONT.muted },
  unchecked: { fill: FILL.muted, font: FONT.muted },
};

/** Each input row joined with its verdict. */
function verdictRow(row: InputRow, verdicts: ReadonlyMap<string, Verdict>): Cell[] {
  const sheet = row.sheet;
  const v = verdicts.get(rowKey({ file: sheet.file, sheet: sheet.name, row: row.row }));
  return [...sheet.headers.map((_, i) => row.values[i] ?? null), v?.status ?? null, v?.approval_id ?? null, v ? reasonText(v) || null : null];
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, sheet: SheetInfo, rows: AsyncIterable<Cell[]>): Promise<void> {
  const added = new Set<string>(VERIFY_COLUMNS);
  // An input column named like an added one keeps its values under a marked header.
  const headers = [...sheet.headers.map((h) => (added.has(squashHeader(h)) ? `${h} (input)` : h)), ...VERIFY_COLUMNS];
  const width = sheet.headers.length;
  const textColumns = new Set<number>([width, width + 1]);
  sheet.fields.forEach((f, i) => isIdField(sheet.kind, f) && textColumns.add(i));
  await writeTable(workbook, name, headers, rows, {
    textColumns,
    decorate: colourStatus(width, STYLE),
  });
}

/** kind → status → rows. */
export type VerifyCounts = Record<string, Partial<Record<VerifyStatus, number>>>;

export async function writeVerifyWorkbook(path: string, inputs: ResolvedInputs, verdicts: ReadonlyMap<string, Verdict>, counts: VerifyCounts): Promise<void> {
  await withWorkbook(path, async (workbook) => {
    const taken = new Set<string>();
    for await (const { sheet, rows } of bySheet(inputs.rows({ onNotice: () => {} }), (row) => verdictRow(row, verdicts))) {
      await writeSheet(workbook, uniqueSheetName(outputSheetName(sheet), taken), sheet, rows);
    }
    const kinds = KINDS.filter((k) => counts[k]);
    const line = (label: string, n: Partial<Record<VerifyStatus, number>>): Cell[] => {
      const values = VERIFY_STATUSES.map((s) => n[s] ?? 0);
      return [label, ...values, values.reduce((a, b) => a + b, 0)];
    };
    const total: Partial<Record<VerifyStatus, number>> = {};
    for (const k of kinds) for (const s of VERIFY_STATUSES) total[s] = (total[s] ?? 0) + (counts[k]?.[s] ?? 0);
    const summary = [...kinds.map((k) => line(k, counts[k] ?? {})), line(t('verify.sheet.total'), total)];
    await writeTable(workbook, uniqueSheetName('summary', taken), [t('verify.sheet.kind'), ...VERIFY_STATUSES, t('verify.sheet.total')], summary);
  });
}
