// Messages of the report stage. Keys are stable ids; {name} placeholders are filled by t().
// Column headers that programs read (source_row, errors, status, approval_id …) are fixed identifiers, not messages.
import type { Catalog } from './catalog.js';

export const reportMessages = {
  'report.cannotWrite': { en: 'Cannot write {path}: {reason}', zh: '无法写入 {path}：{reason}' },

  // Error report
  'report.errors.item': { en: '{column}: {message}', zh: '{column}：{message}' },
  'report.summary.title': { en: 'Validation report', zh: '校验报告' },
  'report.summary.howTo': {
    en: 'Each sheet holds the invalid rows of the input sheet of the same name. Fix the highlighted cells (their notes say what is wrong), then run validate on this file again. The source_row column gives the row in the original file; the source_row and errors columns are ignored when this file is read.',
    zh: '每个工作表包含输入中同名工作表的无效行。请修改标红的单元格（批注中说明了问题），然后对本文件再次运行 validate。source_row 列为原文件中的行号；读取本文件时会忽略 source_row 和 errors 列。',
  },
  'report.summary.sheet': { en: 'Sheet', zh: '工作表' },
  'report.summary.file': { en: 'File', zh: '文件' },
  'report.summary.invalidRows': { en: 'Invalid rows', zh: '无效行数' },
  'report.summary.problems': { en: 'Problems', zh: '问题数' },
  'report.summary.code': { en: 'Problem', zh: '问题类型' },
  'report.summary.count': { en: 'Count', zh: '次数' },
  'report.summary.example': { en: 'Example', zh: '示例' },
  'report.summary.places': { en: 'Where', zh: '位置' },
  'report.summary.place': { en: '{sheet} row {row} ({column})', zh: '{sheet} 第 {row} 行（{column}）' },
  'report.summary.unattached': { en: 'Problems not tied to a row', zh: '不属于某一行的问题' },
  'report.summary.row': { en: 'Row', zh: '行' },
  'report.summary.column': { en: 'Column', zh: '列' },
  'report.summary.message': { en: 'Message', zh: '说明' },
  'report.summary.notices': { en: 'Notices', zh: '提示' },

  // Results workbook
  'report.results.title': { en: 'Run', zh: '运行' },
  'report.results.runId': { en: 'Run id', zh: '运行 ID' },
  'report.results.startedAt': { en: 'Started', zh: '开始时间' },
  'report.results.finishedAt': { en: 'Finished', zh: '结束时间' },
  'report.results.duration': { en: 'Duration (s)', zh: '耗时（秒）' },
  'report.results.rateLimitWaits': { en: 'Rate-limit waits', zh: '限流等待次数' },
  'report.results.retries': { en: 'Retries', zh: '重试次数' },
  'report.results.kind': { en: 'Kind', zh: '类型' },
  'report.results.total': { en: 'Total', zh: '合计' },
  'report.results.endpoint': { en: 'Endpoint', zh: '接口' },
  'report.results.requests': { en: 'Requests', zh: '请求数' },
  'report.results.notes': { en: 'Notes', zh: '备注' },

  // Template
  'report.template.title': { en: 'feishu-import template', zh: 'feishu-import 导入模板' },
  'report.template.intro': {
    en: 'Fill in one row per record in the sheet of its kind; leave a sheet empty if you have nothing of that kind. Keep the header row: it names the fields (hover over a header for its note). Then check the file with: feishu-import validate <this file>',
    zh: '每条记录填一行，填在对应类型的工作表中；没有该类型的记录时留空即可。请保留表头行：它标明了字段（鼠标悬停在表头上可查看说明）。填写完成后用以下命令检查：feishu-import validate <本文件>',
  },
  'report.template.sheetCol': { en: 'Sheet', zh: '工作表' },
  'report.template.whatCol': { en: 'What it holds', zh: '内容' },
  'report.template.requiredCol': { en: 'Required columns', zh: '必填列' },
  'report.template.oneOf': { en: 'one of ({fields})', zh: '以下之一（{fields}）' },
  'report.template.kind.leaves': { en: 'Leaves (time off), sent with user_approvals.', zh: '请假记录，通过 user_approvals 写入。' },
  'report.template.kind.overtime': { en: 'Overtime, sent with user_approvals.', zh: '加班记录，通过 user_approvals 写入。' },
  'report.template.kind.trips': { en: 'Business trips, sent with user_approvals.', zh: '出差记录，通过 user_approvals 写入。' },
  'report.template.kind.outs': { en: 'Outs (work away from the office), sent with user_approvals.', zh: '外出记录，通过 user_approvals 写入。' },
  'report.template.kind.remedies': { en: 'Missed-punch remedies, sent with user_task_remedys.', zh: '补卡记录，通过 user_task_remedys 写入。' },
  'report.template.readingCol': { en: 'How values are read', zh: '取值规则' },
  'report.template.topic.times': { en: 'Times', zh: '时间' },
  'report.template.read.times': {
    en: 'A date cell is taken as the wall-clock time it shows (no time-zone shift). Text is accepted as yyyy-MM-dd HH:mm:ss, yyyy-MM-dd HH:mm or yyyy/M/d H:mm.',
    zh: '日期单元格按显示的当地时间读取（不做时区换算）。文本可写为 yyyy-MM-dd HH:mm:ss、yyyy-MM-dd HH:mm 或 yyyy/M/d H:mm。',
  },
  'report.template.topic.dates': { en: 'Dates', zh: '日期' },
  'report.template.read.dates': {
    en: 'date and remedy_date: yyyyMMdd (e.g. 20260302), yyyy-MM-dd, or a date cell. Leave date empty to use the day of start_time.',
    zh: 'date 与 remedy_date：yyyyMMdd（如 20260302）、yyyy-MM-dd 或日期单元格。date 留空则取开始时间的日期。',
  },
  'report.template.topic.enums': { en: 'Choices', zh: '枚举' },
  'report.template.read.enums': {
    en: 'Columns with a drop-down accept the English name, the Chinese name or the API number (day = 天 = 1). The header note lists them.',
    zh: '带下拉列表的列可填英文名、中文名或接口数值（day = 天 = 1），表头批注中列出了全部取值。',
  },
  'report.template.topic.lists': { en: 'Lists', zh: '列表' },
  'report.template.read.lists': {
    en: 'transportation and the destinations columns take several values separated by commas, e.g. 1,2 or plane,train.',
    zh: 'transportation 与 destinations 列可填多个值，用逗号分隔，如 1,2 或 飞机,火车。',
  },
  'report.template.topic.ids': { en: 'Ids', zh: 'ID' },
  'report.template.read.ids': {
    en: 'Id columns are formatted as text: Excel keeps only 15 digits of a number, so type long ids as text.',
    zh: 'ID 列已设为文本格式：Excel 数字只保留 15 位有效数字，长 ID 请按文本填写。',
  },
  'report.template.topic.headers': { en: 'Headers', zh: '表头' },
  'report.template.read.headers': {
    en: 'Headers in orange are required. Chinese headers such as 工号 or 开始时间 are accepted too (see each note). Empty rows are skipped.',
    zh: '橙色表头为必填列。也可使用中文表头，如 工号、开始时间（见各表头批注）。空行会被跳过。',
  },
  'report.template.exitCol': { en: 'Exit codes of validate', zh: 'validate 的退出码' },
  'report.template.exit.0': { en: 'All rows are valid.', zh: '所有行均有效。' },
  'report.template.exit.1': { en: 'Some rows are invalid: see the error report.', zh: '部分行无效：请查看错误报告。' },
  'report.template.exit.2': { en: 'The file or the command could not be used (missing file, missing column …).', zh: '文件或命令无法使用（文件不存在、缺少列等）。' },
  'report.template.required': { en: 'Required.', zh: '必填。' },
  'report.template.aliases': { en: 'Also accepted as header: {aliases}', zh: '也可用作表头：{aliases}' },
  'report.template.values': { en: 'Values: {values}', zh: '取值：{values}' },
  'report.template.enumPrompt': { en: 'Pick one: {names}. Chinese names and API numbers are accepted too.', zh: '请选择：{names}。也可填中文名或接口数值。' },
  'report.template.enumError': { en: 'Not one of {names}. Keep it only if it is a Chinese name or API number of one of them.', zh: '不在 {names} 之中。仅当它是其中某项的中文名或接口数值时才保留。' },
  'report.template.listPrompt': { en: 'Comma-separated values: {names} (names or API numbers).', zh: '用逗号分隔的多个值：{names}（名称或接口数值）。' },
} satisfies Catalog;
