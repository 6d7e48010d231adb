// read → validate → normalize, streaming: one pass over every input row, keeping only what the caller asks for.
import { CrossRowChecks } from '../normalize/cross-row.js';
import { normalizeRow, type Unhashed } from '../normalize/record.js';
import { resolveInputs } from '../sources/index.js';
import type { ResolvedInputs } from '../sources/types.js';
import { ConfigError } from '../errors.js';
import type { EmployeeType, InputRow, Kind, NormalizedRecord, Problem } from '../types.js';
import { ref, type MessageRef } from '../messages/said.js';

export interface ValidateOptions {
  /** The kind of CSV inputs whose file name does not say it. */
  kind?: Kind;
  /** Keep the valid records (plan and apply need them; plain validate does not, to stay lean on big files). */
  keepRecords?: boolean;
  /** false: read workbooks on this thread only (see ReadContext.threads). */
  threads?: boolean;
  /** Takes each valid record as it is made (apply holds them in slices of users, src/run/slices.ts). */
  onValid?: (record: NormalizedRecord) => void;
  onNotice?: (message: MessageRef) => void;
  /** Called every 1,000 rows, for progress. */
  onRows?: (seen: number) => void;
  /** `--employee-type`, which overrides the manifest's. */
  employeeType?: EmployeeType;
  /**
   * Takes each invalid row with its problems instead of `invalidRows` and `problems` (which then stay empty): plain
   * validate spills them to disk, so memory does not grow with the number of invalid rows.
   */
  onInvalid?: (row: InputRow, problems: Problem[]) => void;
}

export interface ValidationResult {
  inputs: ResolvedInputs;
  valid: number;
  invalid: number;
  /** Empty with onInvalid. */
  problems: Problem[];
  warnings: Problem[];
  /** The invalid rows with their original values (for the error report); empty with onInvalid. */
  invalidRows: InputRow[];
  /** Valid records in input order (only with keepRecords). */
  records: NormalizedRecord[];
  notices: MessageRef[];
}

export async function validateInputs(paths: string[], opts: ValidateOptions = {}): Promise<ValidationResult> {
  const inputs = await resolveInputs(paths, opts.kind ? { kind: opts.kind } : {});
  const result: ValidationResult = { inputs, valid: 0, invalid: 0, problems: [], warnings: [], invalidRows: [], records: [], notices: [] };
  const ctx = {
    onNotice: (m: MessageRef) => {
      result.notices.push(m);
      opts.onNotice?.(m);
    },
    ...(opts.threads === false ? { threads: false } : {}),
  };
  const cross = new CrossRowChecks();
  let seen = 0;
  const refuseOpenId = remedyIdTypeCheck(inputs, opts.employeeType);
  // No record leaves this function unless kept or handed on: then none needs its id (sha256, the dearest step of a
  // row), only a key for the cross-row checks (normalize/record.ts, Unhashed).
  const unhashed: Unhashed | undefined = opts.keepRecords || opts.onValid ? undefined : { key: '', ownId: undefined };
  // In batches (sources/batches.ts): one await per chunk of input, not per row.
  for await (const batch of inputs.batches(ctx)) {
    for (const row of batch) {
      if (row.sheet.kind === 'remedies') refuseOpenId();
      const { record, problems, warnings } = normalizeRow(row, inputs.defaults, unhashed);
      if (warnings?.length) result.warnings.push(...warnings);
      // Cross-row checks only see rows that are valid on their own: a broken row cannot be a duplicate of anything.
      const all = record && problems.length === 0 ? cross.add(record, unhashed) : problems;
      if (all.length > 0 || !record) {
        result.invalid++;
        if (opts.onInvalid) {
          opts.onInvalid(row, all);
        } else {
          result.problems.push(...all);
          result.invalidRows.push(row);
        }
      } else {
        result.valid++;
        if (opts.keepRecords) result.records.push(record);
        opts.onValid?.(record);
      }
      if (++seen % 1000 === 0) opts.onRows?.(seen);
    }
  }
  if (seen === 0) ctx.onNotice(ref('input.noRows'));
  return result;
}

export { rowKey } from '../types.js';

/**
 * The remedy endpoints take employee_type employee_id or employee_no only (their page), so open_id with remedies is
 * refused before anything is read further or sent: every remedy would fail at apply time otherwise.
 */
function remedyIdTypeCheck(inputs: ResolvedInputs, flag: EmployeeType | undefined): () => void {
  const type = flag ?? inputs.defaults.employee_type;
  if (type !== 'open_id') return () => {};
  const where = flag ? '--employee-type' : `employee_type (${inputs.files.find((f) => /\.ya?ml$/i.test(f)) ?? 'manifest'})`;
  return () => {
    throw new ConfigError(ref('validate.remedyOpenId', { where }));
  };
}
