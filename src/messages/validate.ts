// Messages of the validate stage. Keys are stable ids; {name} placeholders are filled by t().
// Every message says what was found and what is expected, with an example, for people who fix the sheet by hand.
import type { Catalog } from './catalog.js';

export const validateMessages = {
  // Cell converters
  'validate.cellError': {
    en: 'The cell shows the error {found}, probably from a broken formula. Replace it with a plain value.',
    zh: '单元格显示错误 {found}，多半是公式出错。请改为直接填写的值。',
  },
  'validate.badTime': {
    en: '"{found}" is not a date and time. Write it as yyyy-MM-dd HH:mm:ss, e.g. 2026-03-02 09:00:00, or use a date cell.',
    zh: '“{found}”不是日期时间。请写成 yyyy-MM-dd HH:mm:ss，例如 2026-03-02 09:00:00，或使用日期单元格。',
  },
  'validate.badMinute': {
    en: '"{found}" is not a date and time to the minute. Write it as yyyy-MM-dd HH:mm, e.g. 2026-03-02 09:00.',
    zh: '“{found}”不是精确到分钟的日期时间。请写成 yyyy-MM-dd HH:mm，例如 2026-03-02 09:00。',
  },
  'validate.minuteSeconds': {
    en: '"{found}" has seconds, but this time is recorded to the minute. Remove the seconds, e.g. 2026-03-02 09:00.',
    zh: '“{found}”带有秒，但此时间只精确到分钟。请去掉秒，例如 2026-03-02 09:00。',
  },
  'validate.impossibleTime': {
    en: '"{found}" is not a real date or time (like 30 February or 25:00). Check the day, month and hour.',
    zh: '“{found}”不是真实存在的日期或时间（例如 2 月 30 日或 25:00）。请检查年月日和小时。',
  },
  'validate.badDate': {
    en: '"{found}" is not a date. Write it as yyyyMMdd or yyyy-MM-dd, e.g. 20260302 or 2026-03-02, or use a date cell.',
    zh: '“{found}”不是日期。请写成 yyyyMMdd 或 yyyy-MM-dd，例如 20260302 或 2026-03-02，或使用日期单元格。',
  },
  'validate.badEnum': {
    en: '"{found}" is not an accepted value. Use one of: {allowed}.',
    zh: '“{found}”不是可接受的值。请使用以下之一：{allowed}。',
  },
  'validate.badInt': {
    en: '"{found}" is not a whole number. Write a number without decimals, e.g. 3600.',
    zh: '“{found}”不是整数。请填写不带小数的数字，例如 3600。',
  },
  'validate.badNumber': {
    en: '"{found}" is not a number. Write a number, e.g. 1.5.',
    zh: '“{found}”不是数字。请填写数字，例如 1.5。',
  },
  'validate.badBool': {
    en: '"{found}" is not yes or no. Write true or false (also yes/no, 是/否, 1/0).',
    zh: '“{found}”不是“是/否”。请填写 true 或 false（也可填 yes/no、是/否、1/0）。',
  },
  'validate.badId': {
    en: '"{found}" is not an id. Write the id as text, e.g. abd754f7 or 10023.',
    zh: '“{found}”不是有效的 ID。请以文本填写 ID，例如 abd754f7 或 10023。',
  },
  'validate.idDigitsLost': {
    en: 'The id {found} is stored as a number with more than 15 digits, so Excel has already lost its last digits. Format the column as Text and type the id again (or start it with an apostrophe).',
    zh: 'ID {found} 以超过 15 位的数字保存，Excel 已丢失其末尾数字。请将该列设为“文本”格式后重新输入 ID（或在前面加英文单引号）。',
  },
  // Defaults and per-row checks
  'validate.required': {
    en: '{field} is required but empty. Fill in this cell.',
    zh: '{field} 为必填项，但单元格为空。请填写。',
  },
  'validate.requiredNoColumn': {
    en: '{field} is required, but the sheet has no column for it. Add a column headed {field}.',
    zh: '{field} 为必填项，但表中没有该列。请添加表头为 {field} 的列。',
  },
  'validate.requiredType': {
    en: '{field} is required. Fill it in, or put a type from the manifest catalog in the type column.',
    zh: '{field} 为必填项。请填写，或在 type（假期/外出类型）列中填写清单 catalog 中的类型名。',
  },
  'validate.durationRequired': {
    en: 'duration is required when unit is day or half_day (it is only computed from the times for hour and half_hour). Fill in the overtime length, e.g. 1.5.',
    zh: '单位为天或半天时必须填写加班时长（仅小时和半小时可由起止时间计算）。请填写时长，例如 1.5。',
  },
  'validate.endNotAfterStart': {
    en: 'The end {end} is not after the start {start}. Correct the times so the end comes later.',
    zh: '结束时间 {end} 不晚于开始时间 {start}。请更正，使结束时间晚于开始时间。',
  },
  'validate.remedyOpenId': {
    en: '{where} is open_id, but remedies can only be sent with employee_id or employee_no (user_task_remedys): use one of those for the remedies',
    zh: '{where} 为 open_id，但补卡只能使用 employee_id 或 employee_no（user_task_remedys）：请为补卡改用其中之一',
  },
  'validate.remedyDateFar': {
    en: 'remedy_time {time} is neither on remedy_date {date} nor the day after (a night shift): check it is not a typo',
    zh: '补卡时间 {time} 既不在补卡日期 {date} 当天，也不在次日（夜班）：请确认不是笔误',
  },
  'validate.unknownType': {
    en: 'Unknown type "{found}". Use one of the types in the manifest catalog: {known}.',
    zh: '未知类型“{found}”。请使用清单 catalog 中的类型：{known}。',
  },
  'validate.noCatalog': {
    en: 'Type "{found}" cannot be looked up: the manifest has no catalog of these types. Add a catalog to the manifest, or fill uniq_id and i18n_names.ch instead.',
    zh: '无法查找类型“{found}”：清单中没有此类类型的 catalog。请在清单中添加 catalog，或改为填写 uniq_id 和 i18n_names.ch。',
  },
  'validate.destinationsMismatch': {
    en: 'There are {levels} destination region levels but {ids} destination region ids. Give one level per destination id, in the same order, e.g. l3,l3 and 1001,1002.',
    zh: '目的地等级有 {levels} 个，目的地 ID 有 {ids} 个。请为每个目的地 ID 填一个等级，顺序一致，例如 l3,l3 与 1001,1002。',
  },
  'validate.uniqIdLong': {
    en: 'uniq_id "{found}" has {length} characters; Feishu documents it as shorter than 14. It is sent as is (Feishu’s own example has 32); if Feishu refuses it, use a shorter id.',
    zh: 'uniq_id“{found}”有 {length} 个字符，飞书文档要求少于 14 个字符。仍按原样发送（飞书示例本身为 32 位）；若被拒绝，请改用更短的 ID。',
  },
  // Schema errors (mapped from ajv keywords)
  'validate.enum': {
    en: '"{found}" is not an accepted value for {field}. Use one of: {allowed}.',
    zh: '“{found}”不是 {field} 的可接受值。请使用以下之一：{allowed}。',
  },
  'validate.type': {
    en: '"{found}" has the wrong kind of value for {field}: expected {expected}.',
    zh: '“{found}”的值类型不适用于 {field}：应为 {expected}。',
  },
  'validate.pattern': {
    en: '"{found}" does not have the expected form for {field}, e.g. {example}.',
    zh: '“{found}”不符合 {field} 的格式，例如 {example}。',
  },
  'validate.minimum': {
    en: '{found} is too small for {field}: the least allowed is {limit}.',
    zh: '{found} 对 {field} 来说太小：最小为 {limit}。',
  },
  'validate.maximum': {
    en: '{found} is too large for {field}: the most allowed is {limit}.',
    zh: '{found} 对 {field} 来说太大：最大为 {limit}。',
  },
  'validate.minLength': {
    en: '{field} is too short: at least {limit} characters are needed.',
    zh: '{field} 太短：至少需要 {limit} 个字符。',
  },
  'validate.maxLength': {
    en: '{field} is too long: at most {limit} characters are allowed.',
    zh: '{field} 太长：最多 {limit} 个字符。',
  },
  'validate.freeShiftPunchNo': {
    en: 'punch_no is {found}, but a free shift (work_type free) always uses punch_no 0.',
    zh: '第几次上下班为 {found}，但自由班制（work_type 为自由班制）必须填 0。',
  },
  'validate.unknownField': {
    en: 'The field {field} is not accepted for this kind of record. Remove it.',
    zh: '此类记录不接受字段 {field}。请删除。',
  },
  'validate.invalid': {
    en: '"{found}" is not valid for {field}.',
    zh: '“{found}”不是 {field} 的有效值。',
  },
  // Cross-row checks
  'validate.duplicate': {
    en: 'This row repeats row {row} of sheet {sheet} in {file} exactly. Delete one of them.',
    zh: '此行与 {file} 中工作表 {sheet} 第 {row} 行完全相同。请删除其中一行。',
  },
  'validate.duplicateId': {
    en: 'idempotent_id {id} is already used by row {row} of sheet {sheet} in {file}, for different content. Feishu would keep only one of them: give each record its own id.',
    zh: 'idempotent_id {id} 已被 {file} 中工作表 {sheet} 第 {row} 行用于内容不同的记录。飞书只会保留其中一条：请为每条记录使用不同的 ID。',
  },
  'validate.overlap': {
    en: 'This leave overlaps the leave of the same person in row {row} of sheet {sheet} in {file} ({start} – {end}). Correct the times or remove one of them.',
    zh: '此请假与 {file} 中工作表 {sheet} 第 {row} 行同一员工的请假时间重叠（{start} – {end}）。请更正时间或删除其中一条。',
  },
} satisfies Catalog;
