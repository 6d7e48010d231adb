// The input contract in one table: for each kind, the columns it accepts, their type, enum names and header aliases.
// Sources use it to map headers to fields, the normaliser to convert cells, the template and README to explain them.
import type { Kind } from './types.js';

/**
 * How a cell is read:
 * - `string`: trimmed text; numbers are turned into their decimal text.
 * - `id`: like string, but a number with more than 15 significant digits is refused (Excel already lost digits).
 * - `int`, `number`: numeric cells or numeric text.
 * - `datetime`: `yyyy-MM-dd HH:mm:ss` wall-clock time; `minute`: the same to the minute (`yyyy-MM-dd HH:mm`).
 * - `date`: `yyyyMMdd`.
 * - `enum`: the API number or one of its names; `enum_list`: comma-separated enum values.
 * - `bool`: true/false, yes/no, 是/否, 1/0.
 * - `json`: structured data: JSON text in a sheet or CSV cell; in YAML, the list or object itself.
 */
export type FieldType = 'string' | 'id' | 'int' | 'number' | 'datetime' | 'minute' | 'date' | 'enum' | 'enum_list' | 'bool' | 'json';

/** An enum: API value → accepted names (English first, then Chinese). */
export type EnumSpec = ReadonlyArray<readonly [value: number | string, names: readonly string[]]>;

export interface FieldSpec {
  /** Canonical name; nested API fields are dotted (`i18n_names.ch`). */
  name: string;
  type: FieldType;
  enum?: EnumSpec;
  /** Other headers accepted for this column (compared case- and space-insensitively). */
  aliases: readonly string[];
  doc: { en: string; zh: string };
}

export const ENUMS = {
  unit: [
    [1, ['day', '天']],
    [2, ['hour', '小时']],
    [3, ['half_day', '半天']],
    [4, ['half_hour', '半小时']],
  ],
  category: [
    [1, ['workday', '工作日']],
    [2, ['rest_day', '休息日']],
    [3, ['holiday', '节假日']],
  ],
  overtime_type: [
    [0, ['record_only', '仅记录']],
    [1, ['comp_time', '调休']],
    [2, ['overtime_pay', '加班费']],
  ],
  work_type: [
    [1, ['on', '上班']],
    [2, ['off', '下班']],
    [0, ['free', '自由班制']],
  ],
  remedy_status: [
    ['pending', ['审批中']],
    ['approved', ['通过', '已通过']],
    ['rejected', ['不通过', '未通过']],
  ],
  trip_type: [
    [1, ['one_way', '单程']],
    [2, ['round_trip', '往返']],
  ],
  transportation: [
    [1, ['plane', '飞机']],
    [2, ['train', '火车']],
    [3, ['car', '汽车']],
    [4, ['high_speed_rail', '高铁/动车', '高铁', '动车']],
    [5, ['ship', '船']],
    [6, ['other', '其他']],
  ],
  locale: [
    ['ch', ['zh', '中文']],
    ['en', ['英文', '英语']],
    ['ja', ['日文', '日语']],
  ],
  region_level: [
    ['l1', ['country', '国家']],
    ['l2', ['province', '省']],
    ['l3', ['city', '市']],
    ['l4', ['district', '区', '县', '区/县']],
  ],
  approval_type: [
    ['leave', ['请假']],
    ['out', ['外出']],
    ['overtime', ['加班']],
    ['trip', ['出差']],
    ['remedy', ['补卡']],
  ],
  process_status: [
    [1, ['reject', '不通过', '拒绝']],
    [2, ['approve', '通过']],
    [4, ['revoke', '撤销', '撤回']],
  ],
  corehr_decision: [
    [3, ['approve', '通过', '同意']],
    [2, ['reject', '拒绝', '不通过']],
  ],
  user_id_type: [
    ['open_id', ['openid']],
    ['union_id', ['unionid']],
    ['user_id', ['userid']],
    ['people_corehr_id', ['飞书人事ID']],
  ],
} as const satisfies Record<string, EnumSpec>;

const f = (
  name: string,
  type: FieldType,
  aliases: readonly string[],
  en: string,
  zh: string,
  e?: EnumSpec,
): FieldSpec => (e ? { name, type, aliases, doc: { en, zh }, enum: e } : { name, type, aliases, doc: { en, zh } });

const userId = f('user_id', 'id', ['工号', '员工工号', '员工ID', '员工编号', '用户ID', '人员编号'], 'Employee id, of the type given by employee_type (default employee_id).', '员工 ID，类型由 employee_type 决定（默认 employee_id）。');
const date = f('date', 'date', ['日期', '审批日期', '作用日期'], 'The attendance day the record belongs to (yyyyMMdd). Empty: the date of start_time.', '审批作用日期（yyyyMMdd）。留空则取开始时间的日期。');
const start = f('start_time', 'datetime', ['开始时间', '开始'], 'Start, wall-clock time (yyyy-MM-dd HH:mm:ss).', '开始时间（yyyy-MM-dd HH:mm:ss，当地时间）。');
const end = f('end_time', 'datetime', ['结束时间', '结束'], 'End, wall-clock time (yyyy-MM-dd HH:mm:ss).', '结束时间（yyyy-MM-dd HH:mm:ss，当地时间）。');
const reason = (zh: string) => f('reason', 'string', ['原因', '事由', '理由', zh], 'Reason shown to the employee.', '原因，员工可见。');
const idem = f('idempotent_id', 'string', ['幂等键', '幂等ID', '记录ID', '三方记录ID'], 'Your own record id. Empty: derived from the row content (see README).', '三方记录 ID。留空则由行内容计算（见 README）。');
const unit = f('unit', 'enum', ['单位', '时长单位'], 'Unit: day / hour / half_day / half_hour (1/2/3/4).', '时长单位：天/小时/半天/半小时（1/2/3/4）。', ENUMS.unit);
const interval = f('interval', 'int', ['时长(秒)', '时长秒', '时长（秒）'], 'Length in seconds. Empty: end_time − start_time.', '时长（秒）。留空则为结束时间减开始时间。');
const i18n = [
  f('i18n_names.ch', 'string', ['中文名称', '名称'], 'Chinese name of the type.', '类型的中文名称。'),
  f('i18n_names.en', 'string', ['英文名称'], 'English name of the type.', '类型的英文名称。'),
  f('i18n_names.ja', 'string', ['日文名称'], 'Japanese name of the type.', '类型的日文名称。'),
];
const locale = f('default_locale', 'enum', ['默认语言'], 'Language shown when the user’s language has no name: ch / en / ja. Empty: the manifest default, else ch.', '默认语言：ch/en/ja。留空取清单默认值，否则 ch。', ENUMS.locale);
const catalogType = (zh: string[]) => f('type', 'string', zh, 'A type name from the manifest catalog; fills uniq_id and i18n_names.', '清单 catalog 中的类型名，自动填写 uniq_id 与 i18n_names。');
const uniq = (zh: string) => f('uniq_id', 'string', ['类型ID', zh], 'Type id (documented as under 14 characters).', '类型唯一 ID（文档要求少于 14 个字符）。');

export const FIELDS: Record<Kind, readonly FieldSpec[]> = {
  leaves: [userId, date, catalogType(['假期类型', '请假类型', '假期']), uniq('假期类型ID'), unit, interval, start, end, ...i18n, locale, reason('请假原因'), idem],
  outs: [userId, date, catalogType(['外出类型']), uniq('外出类型ID'), unit, interval, start, end, ...i18n, locale, reason('外出原因'), idem],
  overtime: [
    userId,
    date,
    f('duration', 'number', ['加班时长', '时长'], 'Overtime length in `unit`. Empty with unit hour or half_hour: computed from the times.', '加班时长（以 unit 计）。单位为小时或半小时时可留空，按起止时间计算。'),
    unit,
    f('category', 'enum', ['加班日期类型', '日期类型'], 'Day type: workday / rest_day / holiday (1/2/3).', '加班日期类型：工作日/休息日/节假日（1/2/3）。', ENUMS.category),
    f('type', 'enum', ['加班规则类型', '加班类型', '补偿方式'], 'Rule: record_only / comp_time / overtime_pay (0/1/2).', '加班规则：仅记录/调休/加班费（0/1/2）。', ENUMS.overtime_type),
    start,
    end,
    reason('加班事由'),
    idem,
  ],
  trips: [
    userId,
    date,
    start,
    end,
    reason('出差理由'),
    f('approve_pass_time', 'datetime', ['审批通过时间', '通过时间'], 'When the trip was approved.', '审批通过时间。'),
    f('approve_apply_time', 'datetime', ['审批申请时间', '申请时间'], 'When the trip was requested.', '审批申请时间。'),
    f('departure.region_level', 'enum', ['出发地等级'], 'Departure region level: l1 country … l4 district.', '出发地地理等级：l1 国家 … l4 区县。', ENUMS.region_level),
    f('departure.region_id', 'id', ['出发地ID', '出发地'], 'Departure region id.', '出发地地理 ID。'),
    f('destinations.region_level', 'enum', ['目的地等级'], 'Destination region levels, comma-separated, one per destination.', '目的地地理等级，逗号分隔，与目的地一一对应。', ENUMS.region_level),
    f('destinations.region_id', 'string', ['目的地ID', '目的地'], 'Destination region ids, comma-separated.', '目的地地理 ID，逗号分隔。'),
    f('transportation', 'enum_list', ['交通工具'], 'Means of transport, comma-separated: plane, train, car, high_speed_rail, ship, other (1–6).', '交通工具，逗号分隔：飞机、火车、汽车、高铁/动车、船、其他（1–6）。', ENUMS.transportation),
    f('trip_type', 'enum', ['出差类型', '行程类型'], 'one_way / round_trip (1/2).', '单程/往返（1/2）。', ENUMS.trip_type),
    f('remarks', 'string', ['备注', '出差备注'], 'Remarks.', '备注。'),
    idem,
  ],
  remedies: [
    userId,
    f('remedy_date', 'date', ['补卡日期', '日期'], 'The day of the missed punch (yyyyMMdd).', '补卡日期（yyyyMMdd）。'),
    f('punch_no', 'int', ['第几次上下班', '班次序号'], '0 for the first on/off pair of the day, 1 for the second …; 0 for free shifts.', '第几次上下班：0 为第 1 次，1 为第 2 次……；自由班制填 0。'),
    f('work_type', 'enum', ['上下班', '打卡类型'], 'on / off / free (1/2/0).', '上班/下班/自由班制（1/2/0）。', ENUMS.work_type),
    f('remedy_time', 'minute', ['补卡时间'], 'The punch time to record (yyyy-MM-dd HH:mm): on remedy_date, or the next day for a night shift (further away: a warning).', '补卡时间（yyyy-MM-dd HH:mm）：在补卡日期当天，夜班可为次日（相隔更远时给出警告）。'),
    reason('补卡原因'),
    f('status', 'enum', ['审批状态', '状态'], 'pending (default) / approved / rejected: the state to leave the remedy in.', '审批中（默认）/通过/不通过：补卡写入后的审批状态。', ENUMS.remedy_status),
  ],
  approval_status: [
    f('approval_id', 'id', ['审批ID', '审批实例ID', '审批编号'], 'The approval to change: the approval_id Feishu gave the record (a text cell: 19 digits).', '要更新的审批实例 ID（飞书返回的 approval_id，请用文本单元格：19 位数字）。'),
    f('approval_type', 'enum', ['审批类型'], 'What the approval is: leave / out / overtime / trip / remedy.', '审批类型：请假/外出/加班/出差/补卡。', ENUMS.approval_type),
    f('status', 'enum', ['状态', '目标状态', '操作'], 'The state to bring it to: reject / approve / revoke (1/2/4). Leaves, outs, overtime and trips accept only revoke; remedies all three.', '目标状态：不通过/通过/撤销（1/2/4）。请假、外出、加班、出差只能撤销；补卡三者皆可。', ENUMS.process_status),
  ],
  corehr_approvals: [
    f('process_id', 'id', ['流程ID', '流程实例ID'], 'The CoreHR process instance (a text cell: 19 digits).', '飞书人事流程实例 ID（请用文本单元格）。'),
    f('approver_id', 'id', ['审批任务ID', '审批人任务ID'], 'The approval task of one approver in that process.', '流程中某位审批人的审批任务 ID。'),
    f('decision', 'enum', ['审批结果', '审批决定', '决定'], 'approve / reject (3/2).', '通过/拒绝（3/2）。', ENUMS.corehr_decision),
    f('user_id', 'id', ['审批人ID', '审批人'], 'The original approver of the task, of the type user_id_type. Required unless system_approval is true.', '该任务原审批人的用户 ID（类型见 user_id_type）。system_approval 为 true 时可不填。'),
    f('user_id_type', 'enum', ['用户ID类型', 'ID类型'], 'Type of user_id: open_id (default) / union_id / user_id / people_corehr_id.', 'user_id 的类型：open_id（默认）/union_id/user_id/people_corehr_id。', ENUMS.user_id_type),
    f('system_approval', 'bool', ['系统审批', '系统身份审批'], 'true: decide as the system instead of the approver (who then loses sight of the task). Default false.', '是否以系统身份审批（原审批人将失去查看权限）。默认 false。'),
    f('reason', 'string', ['原因', '审批意见', '理由'], 'Reason or comment, at most 1000 characters.', '审批原因，最多 1000 个字符。'),
    f('field_values_v2', 'json', ['表单数据', '表单'], 'Form values (process_form_variable_v2 list). YAML: the list itself; sheet or CSV: the list as JSON text.', '表单数据（process_form_variable_v2 列表）。YAML 中直接写列表；表格或 CSV 中写 JSON 文本。'),
  ],
};

/**
 * Columns a sheet of each kind must have, checked on the header row. An inner array means "one of these".
 * (uniq_id/i18n_names may come from the manifest catalog through `type`.)
 */
export const REQUIRED_COLUMNS: Record<Kind, ReadonlyArray<string | readonly string[]>> = {
  leaves: ['user_id', 'start_time', 'end_time', 'unit', 'reason', ['uniq_id', 'type', 'i18n_names.ch', 'i18n_names.en', 'i18n_names.ja']],
  outs: ['user_id', 'start_time', 'end_time', 'unit', 'reason', ['uniq_id', 'type']],
  overtime: ['user_id', 'start_time', 'end_time', 'unit', 'category', 'type'],
  trips: ['user_id', 'start_time', 'end_time', 'reason', 'approve_pass_time', 'approve_apply_time'],
  remedies: ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason'],
  approval_status: ['approval_id', 'approval_type', 'status'],
  corehr_approvals: ['process_id', 'approver_id', 'decision'],
};

/** Sheet names per kind (compared case-insensitively), English first. */
export const SHEET_NAMES: Record<Kind, readonly string[]> = {
  leaves: ['leaves', '请假'],
  overtime: ['overtime', '加班'],
  trips: ['trips', '出差'],
  outs: ['outs', '外出'],
  remedies: ['remedies', '补卡'],
  approval_status: ['approval_status', '审批状态'],
  corehr_approvals: ['corehr_approvals', '人事审批'],
};

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The kind a sheet (or CSV file base name) stands for, or undefined. */
export function kindOfSheet(name: string): Kind | undefined {
  const n = squash(name);
  for (const [kind, names] of Object.entries(SHEET_NAMES) as [Kind, readonly string[]][]) {
    if (names.some((s) => squash(s) === n)) return kind;
  }
  return undefined;
}

/** The canonical field a header stands for in a sheet of `kind`, or null when the tool does not use the column. */
export function fieldOfHeader(kind: Kind, header: string): string | null {
  const h = squash(header);
  if (!h) return null;
  for (const spec of FIELDS[kind]) {
    if (squash(spec.name) === h || spec.aliases.some((a) => squash(a) === h)) return spec.name;
  }
  return null;
}

export function fieldSpec(kind: Kind, name: string): FieldSpec | undefined {
  return FIELDS[kind].find((s) => s.name === name);
}

/** Fields of type `json` (any kind): a YAML source keeps their value whole, as JSON text, instead of flattening it. */
export function isJsonField(name: string): boolean {
  return Object.values(FIELDS).some((specs) => specs.some((s) => s.name === name && s.type === 'json'));
}
