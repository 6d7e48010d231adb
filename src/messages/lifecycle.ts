// Messages of the lifecycle stage: status updates, CoreHR decisions, undo. Keys are stable ids; {name} placeholders
// are filled by t().
import type { Catalog } from './catalog.js';

export const lifecycleMessages = {
  // Validation
  'lifecycle.badJson': {
    en: '"{found}" is not JSON ({reason}). Write the form values as a JSON list, e.g. [{"variable_api_name": "custom123", "variable_value": {"text_value": "ok"}}].',
    zh: '"{found}" 不是合法的 JSON（{reason}）。请将表单数据写成 JSON 列表，例如 [{"variable_api_name": "custom123", "variable_value": {"text_value": "ok"}}]。',
  },
  'lifecycle.onlyRevoke': {
    en: 'A {type} approval can only be revoked (status 4 / revoke); {status} is allowed for remedies only.',
    zh: '{type} 类审批只能撤销（状态 4 / 撤销）；{status} 仅适用于补卡。',
  },
  'lifecycle.userIdRequired': {
    en: "user_id is required: the task's original approver (or set system_approval to true to decide as the system).",
    zh: 'user_id 为必填项：填写该任务的原审批人（或将 system_approval 设为 true，以系统身份审批）。',
  },
  'lifecycle.fieldValuesFlattened': {
    en: 'field_values_v2 could not be read as a list of form values. Write it as JSON text: field_values_v2: \'[{"variable_api_name": …}]\'.',
    zh: '无法将 field_values_v2 读取为表单数据列表。请写成 JSON 文本：field_values_v2: \'[{"variable_api_name": …}]\'。',
  },
  'lifecycle.sameTarget': {
    en: 'Row {row} of sheet {sheet} in {file} already acts on the same approval or task. Keep one of the two rows.',
    zh: '{file} 中工作表 {sheet} 的第 {row} 行已针对同一审批或任务。请只保留其中一行。',
  },

  // Sandbox
  'lifecycle.sandboxStoreBad': {
    en: 'the sandbox store {path} cannot be read ({reason}); delete it to start with an empty sandbox',
    zh: '无法读取沙箱数据文件 {path}（{reason}）；删除该文件即可从空沙箱重新开始',
  },

  // Undo
  'undo.unknownRun': { en: 'no run {run} in the journal in {dir} (feishu-import history lists the runs)', zh: '{dir} 的日志中没有运行 {run}（feishu-import history 可列出所有运行）' },
  'undo.nothingRecorded': { en: 'no apply run in {dir} has written anything: nothing to undo (use --state to name the state folder)', zh: '{dir} 中没有写入过数据的 apply 运行，无可撤销（可用 --state 指定状态目录）' },
  'undo.unresolved': {
    en: '{count} request(s) of this run were sent without a recorded answer, so their records (if any) are not known: run the same apply again to settle them, then undo it',
    zh: '该运行有 {count} 个请求已发出但未记录结果，其写入的记录（如有）无法得知：请先重新运行同一 apply 以核对，再撤销',
  },
  'undo.noApprovalId': { en: 'Feishu returned no approval_id for this record, so it cannot be revoked from here', zh: '飞书未返回该记录的 approval_id，无法在此撤销' },
  'undo.interruptedNote': { en: 'The undo was interrupted: rows marked skipped were not revoked. Run the same undo again to finish.', zh: '撤销被中断：状态为 skipped 的行未撤销。再次运行同一 undo 命令即可继续。' },
  'undo.summary': { en: 'undo of run {target}: {counts}', zh: '撤销运行 {target}：{counts}' },
  'undo.nothingInRun': { en: 'run {target} wrote nothing that undo can revoke', zh: '运行 {target} 没有可撤销的记录' },
  'undo.written': { en: 'undo workbook: {path}', zh: '撤销结果工作簿：{path}' },

  // Template (src/report/template-instructions.ts asks for one per kind)
  'report.template.kind.approval_status': {
    en: 'Status changes of existing approvals (approve / reject / revoke), sent with approval_infos/process.',
    zh: '已有审批的状态更新（通过/不通过/撤销），通过 approval_infos/process 写入。',
  },
  'report.template.kind.corehr_approvals': {
    en: 'CoreHR approval tasks to approve or reject, sent with corehr/v2/processes/…/approvers/….',
    zh: '飞书人事审批任务的通过或拒绝，通过 corehr/v2/processes/…/approvers/… 写入。',
  },
} satisfies Catalog;
