// The `instructions` sheet of the template: what each sheet is for, its required columns, how values are read.
import type ExcelJS from 'exceljs';
import { REQUIRED_COLUMNS, SHEET_NAMES } from '../fields.js';
import { t } from '../messages/index.js';
import { KINDS, type Lang } from '../types.js';
import { FILL, fill } from './workbook.js';

const INSTRUCTIONS_SHEET = 'instructions';

export function writeInstructions(wb: ExcelJS.Workbook, lang: Lang): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = [{ width: 18 }, { width: 70 }, { width: 60 }];
  const m = (id: string, params: Record<string, string | number> = {}) => t(id, params, lang);
  const add = (values: string[], style: 'title' | 'head' | 'text' = 'text') => {
    const row = ws.addRow(values);
    row.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (style === 'title') cell.font = { bold: true, size: 14 };
      if (style === 'head') {
        cell.font = { bold: true };
        cell.fill = fill(FILL.header);
      }
    });
  };

  add([m('report.template.title')], 'title');
  add(['', m('report.template.intro')]);
  add([]);
  add([m('report.template.sheetCol'), m('report.template.whatCol'), m('report.template.requiredCol')], 'head');
  for (const kind of KINDS) {
    const required = REQUIRED_COLUMNS[kind].map((r) => (typeof r === 'string' ? r : m('report.template.oneOf', { fields: r.join(' | ') })));
    add([SHEET_NAMES[kind].join(' / '), m(`report.template.kind.${kind}`), required.join(', ')]);
  }
  add([]);
  add([m('report.template.readingCol'), ''], 'head');
  for (const topic of ['times', 'dates', 'enums', 'lists', 'ids', 'headers'] as const) {
    add([m(`report.template.topic.${topic}`), m(`report.template.read.${topic}`)]);
  }
  add([]);
  add([m('report.template.exitCol'), ''], 'head');
  for (const code of [0, 1, 2] as const) add([String(code), m(`report.template.exit.${code}`)]);
}
