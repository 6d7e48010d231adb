// Messages of apply's orchestration (src/submit, src/run/apply). Keys are stable ids; {name} placeholders are filled by t().
import type { Catalog } from './catalog.js';

export const applyMessages = {
  'submit.tooManyRounds': { en: 'gave up after several partial failures of this user and day; re-run to retry', zh: '该员工当日的请求多次部分失败，已放弃；重新运行可重试' },
  'submit.ambiguous': { en: 'no clear answer from Feishu ({message}); the record may or may not exist: re-run apply, which checks before sending again', zh: '飞书未给出明确结果（{message}），记录可能已写入也可能没有：请重新运行 apply，它会先核对再重发' },
  'submit.interrupted': { en: 'not sent: the run was interrupted', zh: '未发送：运行被中断' },
  'submit.remedyQueryFailed': { en: 'could not read existing remedies back from Feishu, so none were sent (sending blindly could create duplicates)', zh: '无法从飞书读取已有补卡记录，为避免重复，本次未发送任何补卡' },
  'submit.remedyStatusFailed': { en: 'remedy created, but setting its status failed: {message}', zh: '补卡已创建，但更新审批状态失败：{message}' },
  'apply.conflict': { en: 'a different version of this record was written earlier (approval_id {approval_id}); not written again. Use --replace to revoke the earlier one and write this one', zh: '此前已写入该记录的另一版本（approval_id {approval_id}），本次未写入。如需用本行替换，请加 --replace（先撤销旧记录再写入）' },
  'apply.replaceFailed': { en: 'could not revoke the earlier version (approval_id {approval_id}): {message}; this row was not written', zh: '无法撤销旧版本（approval_id {approval_id}）：{message}；本行未写入' },
  'apply.interruptedNote': { en: 'The run was interrupted: rows marked skipped were not sent. Re-run the same command to finish.', zh: '运行被中断：状态为 skipped 的行未发送。重新运行同一命令即可继续。' },
  'apply.noOutcome': { en: 'not processed (this is a bug: please report it)', zh: '未处理（这是程序缺陷，请反馈）' },
} satisfies Catalog;
