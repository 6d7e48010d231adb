// `feishu-import template`: an empty workbook to fill in by hand. One sheet per kind with the canonical headers of
// src/fields.ts (so a filled template reads back through `validate` as is), a note on each header, drop-downs for
// enums, date formats on the time columns, and an instructions sheet. Small, so it is built in memory.
import ExcelJS from 'exceljs';
import { ConfigError } from '../errors.js';
import { FIELDS, REQUIRED_COLUMNS, type FieldSpec } from '../fields.js';
import { t } from '../messages/index.js';
import { KINDS, type Kind, type Lang } from '../types.js';
import { DATETIME_FORMAT, TEXT_FORMAT } from './safe.js';
import { writeInstructions } from './template-instructions.js';
import { FILL, displayWidth, fill } from './workbook.js';
import { ref } from '../messages/said.js';

/** Data validations and formats cover this many rows below the header. */
export const TEMPLATE_ROWS = 5000;
const REQUIRED_FILL = 'FFFCE4D6';

export async function writeTemplate(path: string, lang: Lang): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'feishu-import';
  // Instructions first: it is what a user opening the file sees.
  writeInstructions(wb, lang);
  for (const kind of KINDS) addKindSheet(wb, kind, lang);
  try {
    await wb.xlsx.writeFile(path);
  } catch (e) {
    throw new ConfigError(ref('report.cannotWrite', { path, reason: (e as Error).message }), { cause: e });
  }
}

/** How each field type is shown and what Excel should keep a typed value as. */
function columnFormat(spec: FieldSpec): { numFmt?: string; width: number } {
  switch (spec.type) {
    case 'datetime':
      return { numFmt: DATETIME_FORMAT, width: 20 };
    case 'minute':
      return { numFmt: 'yyyy-mm-dd hh:mm', width: 17 };
    // yyyyMMdd typed into a Text cell stays the text the reader expects, not a number or a date.
    case 'date':
    case 'id':
    case 'string':
      return { numFmt: TEXT_FORMAT, width: spec.type === 'string' ? 24 : 14 };
    default:
      return { width: 12 };
  }
}

function isRequired(kind: Kind, field: string): boolean {
  return REQUIRED_COLUMNS[kind].some((r) => r === field);
}

function addKindSheet(wb: ExcelJS.Workbook, kind: Kind, lang: Lang): void {
  const ws = wb.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  const specs = FIELDS[kind];
  ws.columns = specs.map((spec) => {
    const { numFmt, width } = columnFormat(spec);
    return { width: Math.max(width, displayWidth(spec.name) + 4), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = ws.getRow(1);
  specs.forEach((spec, i) => {
    const cell = header.getCell(i + 1);
    cell.value = spec.name;
    cell.numFmt = TEXT_FORMAT;
    cell.font = { bold: true };
    cell.fill = fill(isRequired(kind, spec.name) ? REQUIRED_FILL : FILL.header);
    cell.note = headerNote(kind, spec, lang);
    const validation = validationOf(spec, lang);
    if (validation) {
      const col = ws.getColumn(i + 1).letter;
      dataValidations(ws).add(`${col}2:${col}${TEMPLATE_ROWS}`, validation);
    }
  });
}

function headerNote(kind: Kind, spec: FieldSpec, lang: Lang): string {
  const lines = [spec.doc[lang]];
  if (isRequired(kind, spec.name)) lines.push(t('report.template.required', {}, lang));
  if (spec.aliases.length) lines.push(t('report.template.aliases', { aliases: spec.aliases.join(', ') }, lang));
  if (spec.enum) {
    const values = spec.enum.map(([v, names]) => `${v} = ${names.join(' / ')}`).join('; ');
    lines.push(t('report.template.values', { values }, lang));
  }
  return lines.join('\n');
}

/** The names offered in a drop-down: English names, or the API value when it is itself a name (`pending`, `l1`). */
export function dropDownNames(spec: FieldSpec): string[] {
  return (spec.enum ?? []).map(([v, names]) => (typeof v === 'number' ? (names[0] ?? String(v)) : v));
}

function validationOf(spec: FieldSpec, lang: Lang): ExcelJS.DataValidation | undefined {
  if (!spec.enum) return undefined;
  const names = dropDownNames(spec).join(', ');
  const prompt = clip(t(spec.type === 'enum_list' ? 'report.template.listPrompt' : 'report.template.enumPrompt', { names }, lang), 255);
  if (spec.type === 'enum_list') {
    // A list of values cannot be a drop-down: any text is allowed, the prompt says what to write.
    return { type: 'any' as ExcelJS.DataValidation['type'], formulae: [], showInputMessage: true, promptTitle: clip(spec.name, 32), prompt };
  }
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${dropDownNames(spec).join(',')}"`],
    showInputMessage: true,
    promptTitle: clip(spec.name, 32),
    prompt,
    // A warning, not a stop: numbers and Chinese names (1, 天) are accepted too.
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: clip(spec.name, 32),
    error: clip(t('report.template.enumError', { names }, lang), 225),
  };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings leave out. */
function dataValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}
