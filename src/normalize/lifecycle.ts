// Building the API objects of the lifecycle kinds: approval status updates and CoreHR decisions. They change
// something that exists, so they have no user/date group; the rules the API pages state are checked here, before
// sending, with a message on the cell that breaks them.
import type { InputRow } from '../types.js';
import type { Built } from './built.js';
import { isEmpty } from './cells.js';
import { problemAt } from '../schema/pin.js';

type Values = Map<string, unknown>;

/** Drops undefined properties, keeping the API pages' key order. */
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const STATUS_NAMES: Record<number, string> = { 1: 'reject', 2: 'approve', 4: 'revoke' };

/** approval_infos/process: leaves, outs, overtime and trips take only revoke (4); remedies take 1, 2 and 4. */
export function buildStatusUpdate(v: Values, row: InputRow, b: Built): void {
  const type = v.get('approval_type') as string | undefined;
  const status = v.get('status') as number | undefined;
  if (type !== undefined && type !== 'remedy' && status !== undefined && status !== 4) {
    b.problems.push(problemAt(row, 'status', 'lifecycle.onlyRevoke', { type, status: `${status} (${STATUS_NAMES[status] ?? '?'})` }));
    b.skip.add('status');
  }
  b.date = '';
  b.body = compact({ approval_id: v.get('approval_id'), approval_type: type, status });
}

/**
 * A CoreHR decision: the PUT body plus the path and query values it is sent with (plan/lifecycle.ts splits them).
 * user_id is required unless the decision is made as the system.
 */
export function buildCorehrDecision(v: Values, row: InputRow, b: Built): void {
  const system = v.get('system_approval') as boolean | undefined;
  // The API calls the decision `status`: speak of the column the user wrote, and only once.
  if (!v.has('decision')) {
    b.skip.add('status');
    const col = row.sheet.fields.indexOf('decision');
    if (isEmpty(row.values[col] ?? null)) b.problems.push(problemAt(row, 'decision', 'validate.required', { field: row.sheet.headers[col] ?? 'decision' }));
  }
  if (system !== true && !v.has('user_id')) {
    b.problems.push(problemAt(row, 'user_id', 'lifecycle.userIdRequired'));
    b.skip.add('user_id');
  }
  // A YAML list of objects that the source flattened into `field_values_v2.*` columns cannot be put back together
  // reliably: refuse the row rather than send the decision without its form values.
  const flattened = row.sheet.headers.some((h, i) => row.sheet.fields[i] === null && h.startsWith('field_values_v2.'));
  if (flattened && !v.has('field_values_v2')) b.problems.push(problemAt(row, '', 'lifecycle.fieldValuesFlattened'));
  b.date = '';
  b.body = compact({
    process_id: v.get('process_id'),
    approver_id: v.get('approver_id'),
    user_id_type: v.get('user_id_type') ?? 'open_id',
    status: v.get('decision'),
    user_id: v.get('user_id'),
    system_approval: system,
    reason: v.get('reason'),
    field_values_v2: v.get('field_values_v2'),
  });
}
