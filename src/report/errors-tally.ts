// What the summary sheet of the error report says, counted as problems arrive: per input sheet, per kind of problem,
// and the few problems tied to no reported row. Small whatever the number of invalid rows (a handful of sheets and
// codes, ten places per code), so `validate` can spill the rows themselves to disk and still write the summary.
import type { InputRow, Problem } from '../types.js';
import { problemText } from '../messages/index.js';

/** How many places a problem kind lists before "…". */
export const MAX_PLACES = 10;

interface SheetCount {
  file: string;
  sheet: string;
  invalid: number;
  problems: number;
}

export interface CodeCount {
  code: string;
  count: number;
  /** The first problem's message. */
  example: string;
  /** The first MAX_PLACES problems of this kind. */
  places: Pick<Problem, 'sheet' | 'row' | 'column'>[];
}

const sheetKey = (file: string, sheet: string) => `${file}\u0000${sheet}`;

export class ErrorTally {
  /** Sheets with a reported row, in the order of their first one: they lead the summary. */
  private readonly rowSheets = new Map<string, SheetCount>();
  /** Sheets only named by problems tied to no reported row: listed after the others. */
  private readonly otherSheets = new Map<string, SheetCount>();
  private readonly codes = new Map<string, CodeCount>();
  /** Problems tied to no reported row; the summary lists them one by one. */
  readonly unattached: Problem[] = [];

  /** An invalid row that goes into the report (one with at least one problem). */
  addRow(row: InputRow): void {
    const key = sheetKey(row.sheet.file, row.sheet.name);
    let count = this.rowSheets.get(key);
    if (!count) {
      count = this.otherSheets.get(key) ?? { file: row.sheet.file, sheet: row.sheet.name, invalid: 0, problems: 0 };
      this.otherSheets.delete(key);
      this.rowSheets.set(key, count);
    }
    count.invalid++;
  }

  /** Every problem, attached or not, in the order they were found (that order breaks ties between codes). */
  addProblem(p: Problem, attached: boolean): void {
    const key = sheetKey(p.file, p.sheet);
    let sheet = this.rowSheets.get(key) ?? this.otherSheets.get(key);
    if (!sheet) this.otherSheets.set(key, (sheet = { file: p.file, sheet: p.sheet, invalid: 0, problems: 0 }));
    sheet.problems++;
    let code = this.codes.get(p.code);
    if (!code) this.codes.set(p.code, (code = { code: p.code, count: 0, example: problemText(p), places: [] }));
    code.count++;
    if (code.places.length < MAX_PLACES) code.places.push({ sheet: p.sheet, row: p.row, column: p.column });
    if (!attached) this.unattached.push(p);
  }

  sheets(): SheetCount[] {
    return [...this.rowSheets.values(), ...this.otherSheets.values()];
  }

  /** Most frequent first; equal counts keep the order they were first seen in. */
  byCode(): CodeCount[] {
    return [...this.codes.values()].sort((a, b) => b.count - a.count);
  }
}
