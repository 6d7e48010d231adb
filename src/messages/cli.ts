// Messages of the command line layer. Keys are stable ids; {name} placeholders are filled by t().
import type { Catalog } from './catalog.js';

export const cliMessages = {
  'cli.internalError': { en: 'internal error (please report it): {message}', zh: '内部错误（请反馈给开发者）：{message}' },
  'cli.row': { en: 'row {row}', zh: '第 {row} 行' },
  'cli.notice': { en: 'note', zh: '提示' },
  'cli.warning': { en: 'warning', zh: '警告' },
  'cli.moreProblems': { en: '… and {count} more problems (all of them are in the report)', zh: '……另有 {count} 个问题（完整列表见错误报告）' },
  'cli.validateSummary': { en: '{valid} valid rows, {invalid} invalid rows', zh: '有效 {valid} 行，无效 {invalid} 行' },
  'cli.reportWritten': { en: 'error report written to {path}: fix the rows there and validate it again', zh: '错误报告已写入 {path}：可直接在其中修改后重新校验' },
  'cli.planHeader': { en: 'requests to send (employee_type {employeeType}):', zh: '将发送的请求（employee_type 为 {employeeType}）：' },
  'cli.planRecords': { en: 'records per kind:', zh: '各类记录数：' },
  'cli.planTime': { en: 'time at 50 requests/second per endpoint: {seconds} s', zh: '按每个接口 50 次/秒计算，预计耗时 {seconds} 秒' },
  'cli.payloadsWritten': { en: '{count} request bodies written to {path}', zh: '已将 {count} 个请求体写入 {path}' },
  'cli.templateWritten': { en: 'template written to {path}', zh: '模板已写入 {path}' },
  'cli.fs.enoent': { en: 'no such file or folder: {path}', zh: '文件或目录不存在：{path}' },
  'cli.fs.eacces': { en: 'permission denied: {path}', zh: '没有权限：{path}' },
  'cli.fs.eisdir': { en: 'is a folder, not a file: {path}', zh: '这是目录而不是文件：{path}' },
  'cli.fs.enospc': { en: 'disk full while writing {path}', zh: '磁盘已满，无法写入 {path}' },
  'cli.fs.ebusy': { en: 'file is locked (open in Excel?): {path}', zh: '文件被占用（是否在 Excel 中打开？）：{path}' },
  'cli.progress': { en: '{endpoint}: {done}/{total} · {rate} req/s · ETA {eta} s', zh: '{endpoint}：{done}/{total} · {rate} 次/秒 · 预计剩余 {eta} 秒' },
  'cli.positiveInt': { en: 'must be a whole number of at least 1', zh: '必须是不小于 1 的整数' },
  'cli.interrupting': { en: 'interrupted: finishing the requests in flight and writing the results (press Ctrl-C again to quit at once)', zh: '已中断：正在完成已发出的请求并写入结果（再按一次 Ctrl-C 立即退出）' },
  'cli.interrupted': { en: 'the run was interrupted; run the same command again to finish it', zh: '运行被中断；再次运行同一命令即可继续' },
  'cli.applySummary': { en: 'rows: {counts} ({seconds} s)', zh: '各行结果：{counts}（用时 {seconds} 秒）' },
  'cli.applyRequests': { en: 'requests: {requests}; rate-limit waits {waits}, retries {retries}', zh: '请求数：{requests}；限流等待 {waits} 次，重试 {retries} 次' },
  'cli.resultsWritten': { en: 'results workbook: {path}', zh: '结果工作簿：{path}' },
} satisfies Catalog;
