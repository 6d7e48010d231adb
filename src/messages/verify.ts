// Messages of `verify` (reading records back from Feishu) and `history` (the runs in the journal).
// Keys are stable ids; {name} placeholders are filled by t().
import type { Catalog } from './catalog.js';

export const verifyMessages = {
  'verify.present.otherId': {
    en: 'Feishu holds this record with the same content under another idempotent_id ({id})',
    zh: '飞书中已有内容相同的记录，但 idempotent_id 不同（{id}）',
  },
  'verify.different': {
    en: 'Feishu holds another version of this record (input ≠ Feishu): {diffs}',
    zh: '飞书中该记录的内容与本行不同（本行 ≠ 飞书）：{diffs}',
  },
  'verify.missing': { en: 'not found in Feishu', zh: '飞书中未找到该记录' },
  'verify.queryFailed': {
    en: 'could not read records back from Feishu ({endpoint}): {message}; nothing was verified',
    zh: '无法从飞书读取记录（{endpoint}）：{message}；未完成核对',
  },
  'verify.remedyQueryFailed': { en: 'the remedy query failed', zh: '补卡查询失败' },
  'verify.summary': {
    en: 'present {present}, missing {missing}, different {different}, invalid {invalid}',
    zh: '已存在 {present}，缺失 {missing}，内容不同 {different}，无效 {invalid}',
  },
  'verify.queries': { en: 'read-back requests: {requests}', zh: '读取请求数：{requests}' },
  'verify.more': { en: '… and {count} more rows (all of them are in the workbook)', zh: '……另有 {count} 行（完整列表见工作簿）' },
  'verify.written': { en: 'verify workbook: {path}', zh: '核对工作簿：{path}' },
  'verify.sheet.kind': { en: 'kind', zh: '类型' },
  'verify.sheet.total': { en: 'total', zh: '合计' },
  'history.noState': {
    en: 'no state folder at {dir}: no runs recorded there yet (use --state DIR or give the inputs of the import)',
    zh: '{dir} 下没有状态目录：尚无运行记录（可用 --state 指定目录，或给出导入时的输入文件）',
  },
  'history.empty': { en: 'no runs recorded in {dir}', zh: '{dir} 中没有运行记录' },
  'history.header': { en: 'runs recorded in {dir}:', zh: '{dir} 中记录的运行：' },
  'history.inputs': { en: 'inputs', zh: '输入' },
  'history.noCounts': { en: 'no rows settled', zh: '没有已处理的行' },
  'history.interrupted': { en: 'interrupted', zh: '已中断' },
  'history.unfinished': { en: 'unfinished (the process stopped without finishing)', zh: '未完成（进程未正常结束）' },
  'verify.unchecked': { en: 'not read back: Feishu has no query for status updates and CoreHR decisions', zh: '未核对：飞书没有查询审批状态更新与人事审批决定的接口' },
} satisfies Catalog;
