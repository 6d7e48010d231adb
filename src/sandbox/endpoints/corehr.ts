// PUT /open-apis/corehr/v2/processes/:process_id/approvers/:approver_id?user_id_type=…
// Decides one CoreHR approval task. The sandbox models each process as one or-sign node: once any of its tasks
// is decided, the node is, and the other approvers get 1161005 ("approval status has been updated").
import { ApiError } from '../reply.js';
import type { RequestContext } from '../state.js';
import { Checker, type Json } from '../validate.js';

const check: Checker = new Checker('corehr');
const MAX_REASON = 1000;
const MAX_FIELD_VALUES = 100_000;

function fieldValues(v: unknown): void {
  if (v === undefined || v === null) return;
  const values = check.array(v, 'field_values_v2');
  if (values.length > MAX_FIELD_VALUES) check.fail(`field_values_v2 holds more than ${MAX_FIELD_VALUES} values`);
  values.forEach((fv, i) => {
    const path = `field_values_v2[${i}]`;
    const value = check.object(fv, path);
    check.onlyKeys(value, path, ['variable_api_name', 'variable_value', 'sub_values']);
    check.string(value.variable_api_name, `${path}.variable_api_name`, false);
    if (value.variable_value !== undefined) check.object(value.variable_value, `${path}.variable_value`);
    if (value.sub_values !== undefined) {
      check.array(value.sub_values, `${path}.sub_values`).forEach((sv, j) => {
        const sub: Json = check.object(sv, `${path}.sub_values[${j}]`);
        check.onlyKeys(sub, `${path}.sub_values[${j}]`, ['key', 'value']);
      });
    }
  });
}

export function handleCorehrDecision({ state, query, params, body }: RequestContext): unknown {
  const idType = query.get('user_id_type');
  if (idType !== null && !['open_id', 'union_id', 'user_id', 'people_corehr_id'].includes(idType)) check.fail(`user_id_type invalid: ${idType}`);
  const deptType = query.get('department_id_type');
  if (deptType !== null && !['open_department_id', 'department_id', 'people_corehr_department_id'].includes(deptType)) {
    check.fail(`department_id_type invalid: ${deptType}`);
  }
  check.onlyKeys(body, 'body', ['status', 'user_id', 'system_approval', 'reason', 'field_values_v2']);
  const status = check.requiredInt(body.status, 'status', [2, 3]);
  const system_approval = check.boolean(body.system_approval, 'system_approval') ?? false;
  const user_id = system_approval ? check.string(body.user_id, 'user_id', false) : check.requiredString(body.user_id, 'user_id');
  const reason = check.string(body.reason, 'reason', false);
  if (reason !== undefined && [...reason].length > MAX_REASON) check.fail(`reason is longer than ${MAX_REASON} characters`);
  fieldValues(body.field_values_v2);

  const process_id = params.process_id ?? '';
  const approver_id = params.approver_id ?? '';
  if (state.options.corehrTasksOnDemand && !state.store.corehr.has(state.store.corehrKey(process_id, approver_id))) {
    state.store.seedCorehr([{ process_id, approver_id }]);
  }
  const task = state.store.corehr.get(state.store.corehrKey(process_id, approver_id));
  if (!task) check.fail(`approval task not found: process_id ${process_id}, approver_id ${approver_id}`);
  if (!system_approval && task.user_id !== undefined && user_id !== task.user_id) {
    check.fail(`user_id ${String(user_id)} is not the approver of task ${approver_id}`);
  }
  if (task.status !== 'pending') throw new ApiError(400, 1161001, `approval task has already been processed: ${task.status}`);
  const decided = state.store.corehrSiblings(task).find((t) => t.status !== 'pending');
  if (decided) throw new ApiError(400, 1161005, `approval status has been updated: approver ${decided.approver_id} ${decided.status}`);

  task.status = status === 3 ? 'approved' : 'rejected';
  task.system_approval = system_approval;
  if (reason !== undefined) task.reason = reason;
  if (Array.isArray(body.field_values_v2)) task.field_values_v2 = body.field_values_v2;
  return { code: 0, msg: 'success', data: { code: 0, msg: 'success' } };
}
