// The JSON Schema of a manifest, built from the field table so the two never drift apart. It is published as
// schemas/manifest.schema.json for editors (test/sources/manifest-schema.test.ts checks the file equals this).
// Settings are strict (an unknown key is an error); inline records are lenient: their values are checked row by row
// by the validator, with a problem per cell instead of a failed run.
import { FIELDS, type FieldSpec } from '../fields.js';
import { KINDS, type Kind } from '../types.js';

const LOCALES = ['ch', 'en', 'ja'];
const doc = (en: string, zh: string) => `${en}\n\n${zh}`;

function enumExamples(spec: FieldSpec): unknown[] | undefined {
  if (!spec.enum) return undefined;
  return [...spec.enum.map(([, names]) => names[0]), ...spec.enum.map(([v]) => v)].filter((v, i, a) => a.indexOf(v) === i);
}

/** One record property; nested API objects (i18n_names, departure, destinations) may also be written as objects. */
function recordProperties(kind: Kind): Record<string, unknown> {
  const props: Record<string, Record<string, unknown>> = {};
  const nested: Record<string, Record<string, unknown>> = {};
  for (const spec of FIELDS[kind]) {
    const p: Record<string, unknown> = { description: doc(spec.doc.en, spec.doc.zh) };
    const examples = enumExamples(spec);
    if (examples) p.examples = examples;
    props[spec.name] = p;
    const [parent, child] = spec.name.split('.');
    if (parent && child) (nested[parent] ??= {})[child] = p;
  }
  for (const [parent, children] of Object.entries(nested)) {
    const object = { type: 'object', properties: children };
    props[parent] = parent === 'destinations'
      ? { description: doc('Destinations: a list of {region_level, region_id}.', '目的地：{region_level, region_id} 的列表。'), type: 'array', items: object }
      : { description: doc(`The ${parent} object; same as the dotted ${parent}.* fields.`, `${parent} 对象，等同于 ${parent}.* 字段。`), ...object };
  }
  // A list of scalars is joined with commas, like the sheet column (transportation: [plane, train] → "plane,train").
  const transport = FIELDS[kind].find((s) => s.name === 'transportation');
  if (transport) props.transportation = { ...props.transportation, items: { examples: enumExamples(transport) } };
  return props;
}

const catalogEntry = {
  type: 'object',
  additionalProperties: false,
  required: ['uniq_id', 'i18n_names'],
  properties: {
    uniq_id: { type: 'string', minLength: 1, description: doc('The type id in Feishu (documented as under 14 characters).', '飞书中的类型 ID（文档要求少于 14 个字符）。') },
    i18n_names: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      description: doc('The type name per language.', '各语言的类型名称。'),
      properties: Object.fromEntries(LOCALES.map((l) => [l, { type: 'string', minLength: 1, description: `${l} name` }])),
    },
    default_locale: { enum: LOCALES, description: doc('Language shown when the user’s has no name.', '用户语言无对应名称时显示的语言。') },
  },
};

export function manifestSchema(): Record<string, unknown> {
  const allFields = [...new Set(KINDS.flatMap((k) => FIELDS[k].map((s) => s.name)))];
  const kindLists = Object.fromEntries(
    KINDS.map((k) => [k, { type: 'array', description: doc(`Inline ${k} records, one object per row; keys as the sheet headers.`, `内联的 ${k} 记录，每个对象一行；键与表头相同。`), items: { $ref: `#/definitions/${k}` } }]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'feishu-import manifest',
    description: doc('One import run: settings, a leave/out type catalog, files to read, and inline records.', '一次导入：设置、请假/外出类型目录、要读取的文件以及内联记录。'),
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'JSON Schema of this file, for editors.' },
      employee_type: { enum: ['employee_id', 'employee_no', 'open_id'], description: doc('What user_id holds in every row (default employee_id).', '所有行中 user_id 的类型（默认 employee_id）。') },
      default_locale: { enum: LOCALES, description: doc('Default language of leave/out type names (default ch).', '请假/外出类型名称的默认语言（默认 ch）。') },
      catalog: {
        type: 'object',
        additionalProperties: false,
        description: doc('Leave and out types by short name; a row’s `type` column picks one and fills uniq_id and i18n_names.', '按简称定义的请假与外出类型；行中的 type 列引用简称，自动填写 uniq_id 与 i18n_names。'),
        properties: {
          leaves: { type: 'object', description: 'Leave types.', additionalProperties: { $ref: '#/definitions/catalogEntry' } },
          outs: { type: 'object', description: 'Out types.', additionalProperties: { $ref: '#/definitions/catalogEntry' } },
        },
      },
      scope: {
        type: 'object',
        additionalProperties: false,
        description: doc(
          'The records a run answers for (plan, apply --prune): attendance dates from–to and which users. Default: the users and dates the inputs cover.',
          '一次运行负责的记录范围（plan、apply --prune）：考勤日期起止与员工范围。默认：输入覆盖的员工与日期。',
        ),
        properties: {
          from: { type: ['string', 'integer'], pattern: '^\\d{4}-?\\d{2}-?\\d{2}$', description: doc('First attendance date, e.g. 2026-03-01.', '起始考勤日期，例如 2026-03-01。') },
          to: { type: ['string', 'integer'], pattern: '^\\d{4}-?\\d{2}-?\\d{2}$', description: doc('Last attendance date, e.g. 2026-03-31.', '结束考勤日期，例如 2026-03-31。') },
          users: { enum: ['inputs', 'all'], description: doc('inputs (default): the users with rows; all: also every user the journal knows.', 'inputs（默认）：输入中出现的员工；all：另加日志中出现过的所有员工。') },
        },
      },
      sources: { type: 'array', description: doc('Workbooks and CSV files to read, relative to this file.', '要读取的工作簿与 CSV 文件，路径相对于本文件。'), items: { $ref: '#/definitions/source' } },
      ...kindLists,
    },
    definitions: {
      catalogEntry,
      source: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { type: 'string', minLength: 1, description: doc('An .xlsx or .csv file, relative to this manifest.', '.xlsx 或 .csv 文件，相对于本清单。') },
          kind: { enum: [...KINDS], description: doc('CSV: the kind of every row. xlsx: read only sheets of this kind.', 'CSV：所有行的类型。xlsx：只读取该类型的工作表。') },
          columns: { type: 'object', description: doc('Extra header → field mappings, e.g. {员工编号: user_id}.', '额外的表头 → 字段映射，例如 {员工编号: user_id}。'), additionalProperties: { enum: allFields } },
          encoding: { enum: ['auto', 'utf8', 'utf-8', 'gb18030', 'gbk'], description: doc('CSV encoding (default auto: UTF-8 with or without BOM, else GB18030).', 'CSV 编码（默认 auto：带或不带 BOM 的 UTF-8，否则 GB18030）。') },
        },
      },
      ...Object.fromEntries(KINDS.map((k) => [k, { type: 'object', properties: recordProperties(k) }])),
    },
  };
}
