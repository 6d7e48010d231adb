// Reading leaves, overtime, trips and outs back for `verify`: the approved items of the rows' users and dates.
import { ConfigError } from '../errors.js';
import type { Caller } from '../feishu/types.js';
import { readApprovals, type HeldApproval } from '../readback/approvals.js';
import { ReadBackError } from '../readback/errors.js';
import type { EmployeeType, NormalizedRecord } from '../types.js';
import { ref } from '../messages/said.js';

export { dateWindows } from '../readback/windows.js';
export type ServerApproval = Pick<HeldApproval, 'kind' | 'user_id' | 'date' | 'item'>;

/** Every approved item the server holds for the users and dates of these records; a failed query stops verify. */
export async function queryApprovals(records: readonly NormalizedRecord[], client: Caller, employeeType: EmployeeType): Promise<HeldApproval[]> {
  try {
    return await readApprovals(records, 2, client, employeeType);
  } catch (e) {
    if (e instanceof ReadBackError) throw new ConfigError(ref('verify.queryFailed', { endpoint: e.endpoint, message: e.said }));
    throw e;
  }
}
