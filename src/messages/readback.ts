// Messages of reading Feishu's state back: approval states in words, the verify step of apply, and what a row says
// when the state it asked for could not be confirmed.
import type { Catalog } from './catalog.js';

export const readbackMessages = {
  // Compositions, so a row's message stays data: Feishu's own text as a parameter, our words as nested messages.
  'feishu.said': { en: '{message}', zh: '{message}' },
  'feishu.explained': { en: '{message} — {explanation}', zh: '{message} — {explanation}' },
  'said.withDetail': { en: '{message} ({detail})', zh: '{message}（{detail}）' },
  'state.pending': { en: 'pending', zh: '审批中' },
  'state.rejected': { en: 'rejected', zh: '已拒绝' },
  'state.approved': { en: 'approved', zh: '已通过' },
  'state.cancelled': { en: 'cancelled', zh: '已撤回' },
  'state.revoked': { en: 'revoked', zh: '已撤销' },
  'state.unknown': { en: 'in an unknown state', zh: '状态未知' },
  'submit.stateHeld': { en: 'Feishu holds it as {state}', zh: '飞书中当前为{state}' },
  'submit.stateAbsent': { en: 'Feishu does not hold it in any state', zh: '飞书中查不到该审批' },
  'submit.stateUnread': { en: 'its state could not be read back', zh: '无法读取其当前状态' },
  'submit.stateUnknownOwner': {
    en: 'its state could not be confirmed: this approval was not written by this tool, so the user and date to read it back by are unknown',
    zh: '无法确认其状态：该审批不是本工具写入的，无从得知按哪个用户和日期回读',
  },
  'submit.remedyStateUnreachable': {
    en: 'Feishu holds remedy {approval_id} as {held}; the row asks for {wanted}, which it cannot become any more (change the row, or withdraw it in Feishu)',
    zh: '飞书中补卡 {approval_id} 当前为{held}，该行要求为 {wanted}，已无法变更（请修改该行，或在飞书中撤回）',
  },
  'submit.statusUnreachable': {
    en: 'Feishu holds approval {approval_id} as {held}; it cannot be moved to status {wanted} from there',
    zh: '飞书中审批 {approval_id} 当前为{held}，无法从该状态变更为 {wanted}',
  },
  'submit.pendingNotRemedy': {
    en: 'Feishu holds approval {approval_id} as pending; only a remedy can be rejected through the API, other kinds only revoked once approved',
    zh: '飞书中审批 {approval_id} 仍为审批中；通过接口只能拒绝补卡，其他类型只能在通过后撤销',
  },
  'confirm.rewritten': {
    en: 'the first write reads back {state} in Feishu, so it was written again as {idempotent_id}',
    zh: '首次写入后回读为{state}，已以 {idempotent_id} 重新写入',
  },
  'confirm.missingState': { en: 'missing', zh: '不存在' },
  'confirm.unconfirmed': {
    en: 'Feishu answered the write, but the record does not read back as approved ({state}): check it in Feishu, then re-run apply',
    zh: '飞书接受了写入，但回读不到已通过的记录（{state}）：请在飞书中核对后重新运行 apply',
  },
  'confirm.remedyUnconfirmed': {
    en: 'remedy {approval_id} reads back {state}, not {wanted}: check it in Feishu, then re-run apply',
    zh: '补卡 {approval_id} 回读为{state}，而非 {wanted}：请在飞书中核对后重新运行 apply',
  },
  'confirm.readFailed': {
    en: 'the read-back after writing failed ({message}): the row could not be confirmed; re-run apply to check it',
    zh: '写入后回读失败（{message}）：无法确认该行；请重新运行 apply 以核对',
  },
  'confirm.existsAfterRefusal': {
    en: 'Feishu refused the write, but the record reads back as approved (written earlier)',
    zh: '飞书拒绝了写入，但回读到已通过的记录（此前已写入）',
  },
  'report.results.verifyConfirmed': { en: 'Read back present in Feishu', zh: '回读确认存在' },
  'report.results.verifyRewritten': { en: 'Written again after read-back', zh: '回读后重新写入' },
  'report.results.verifyUnconfirmed': { en: 'Not confirmed by read-back', zh: '回读未能确认' },
  'report.results.verifySkipped': { en: 'Not read back (--no-verify, a dry run, or stopped)', zh: '未回读（--no-verify、试运行或已中断）' },
  'apply.resultsWriteFailed': {
    en: 'requests were sent, but the results workbook could not be written ({message}); every outcome is in the journal at {journal}',
    zh: '请求已发送，但无法写入结果工作簿（{message}）；每行结果都已记录在日志 {journal} 中',
  },
  'cli.applyVerified': {
    en: 'Read back from Feishu: {confirmed} confirmed, {rewritten} written again, {unconfirmed} not confirmed',
    zh: '从飞书回读：{confirmed} 条已确认，{rewritten} 条已重新写入，{unconfirmed} 条未能确认',
  },
  'apply.pruneGuard': {
    en: '--prune would revoke {count} of the {total} records this tool wrote in scope, more than the limit of {limit}: nothing was sent. Check that these are the right files (plan shows the list), or raise --max-prune',
    zh: '--prune 将撤销范围内本工具写入的 {total} 条记录中的 {count} 条，超过上限 {limit}：未发送任何请求。请确认输入文件无误（plan 可列出清单），或调高 --max-prune',
  },
  'apply.maxPruneBad': { en: '--max-prune must be a count or a percentage such as 10%, got "{value}"', zh: '--max-prune 须为条数或百分比（如 10%），而不是“{value}”' },
  'plan.action.create': { en: 'create', zh: '新建' },
  'plan.action.replace': { en: 'replace', zh: '替换' },
  'plan.action.revoke': { en: 'revoke', zh: '撤销' },
  'plan.action.keep': { en: 'keep', zh: '保留' },
  'plan.action.unmanaged': { en: 'unmanaged', zh: '非本工具' },
  'plan.action.send': { en: 'send', zh: '发送' },
  'plan.rows': { en: '{count} rows already in Feishu (--verbose lists them)', zh: '{count} 行已在飞书中（--verbose 列出）' },
  'plan.needsReplace': { en: '(left alone without --replace)', zh: '（未加 --replace 时不处理）' },
  'plan.needsPrune': { en: '(left alone without --prune)', zh: '（未加 --prune 时不处理）' },
  'plan.against.server': { en: 'Plan against Feishu: {users} users, {from}–{to} (read back with {reads} requests)', zh: '对照飞书的计划：{users} 名员工，{from}–{to}（回读 {reads} 次请求）' },
  'plan.against.journal': {
    en: 'Plan against the journal alone (no credentials: set FEISHU_APP_ID and FEISHU_APP_SECRET, or use --sandbox, to compare with what Feishu holds)',
    zh: '仅对照本地日志的计划（无凭据：设置 FEISHU_APP_ID 和 FEISHU_APP_SECRET，或使用 --sandbox，才能与飞书中的数据比对）',
  },
  'plan.totals': {
    en: 'Plan: {create} to create, {replace} to replace, {revoke} to revoke, {keep} to keep; {unmanaged} not written by this tool (left alone).',
    zh: '计划：新建 {create}，替换 {replace}，撤销 {revoke}，保留 {keep}；非本工具写入 {unmanaged} 条（不处理）。',
  },
  'plan.nothing': { en: 'Nothing to do: Feishu already holds what the inputs describe.', zh: '无需操作：飞书中已与输入一致。' },
  'plan.saved': { en: 'plan saved to {path}: apply it with `feishu-import apply {path}`', zh: '计划已保存到 {path}：用 `feishu-import apply {path}` 执行' },
  'plan.workbook': { en: 'plan workbook: {path}', zh: '计划工作簿：{path}' },
  'plan.savedUnreadable': { en: '{path} is not a readable saved plan ({reason})', zh: '{path} 不是可读取的已保存计划（{reason}）' },
  'plan.staleInputs': { en: 'the inputs of {path} changed since it was planned: nothing was sent; run plan again', zh: '{path} 的输入在计划之后已改变：未发送任何请求；请重新运行 plan' },
  'plan.staleServer': { en: 'what Feishu holds changed since {path} was planned: nothing was sent; run plan again', zh: '{path} 制定后飞书中的数据已改变：未发送任何请求；请重新运行 plan' },
  'cli.applyReconciled': {
    en: 'Against Feishu: {create} to create, {replace} to replace, {revoke} to revoke, {keep} already there; {unmanaged} not written by this tool (left alone)',
    zh: '对照飞书：新建 {create}，替换 {replace}，撤销 {revoke}，已存在 {keep}；非本工具写入 {unmanaged} 条（不处理）',
  },
  'cli.applyPruned': { en: 'Pruned (records gone from the inputs): {counts}', zh: '已清理（输入中已删除的记录）：{counts}' },
  'status.created': { en: 'created', zh: '已创建' },
  'status.exists': { en: 'exists', zh: '已存在' },
  'status.updated': { en: 'updated', zh: '已更新' },
  'status.failed': { en: 'failed', zh: '失败' },
  'status.invalid': { en: 'invalid', zh: '无效' },
  'status.skipped': { en: 'skipped', zh: '已跳过' },
  'status.planned': { en: 'planned', zh: '计划中' },
  'status.conflict': { en: 'conflict', zh: '冲突' },
  'status.unconfirmed': { en: 'unconfirmed', zh: '未确认' },
} satisfies Catalog;
