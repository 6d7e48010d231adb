// Messages of the input stage. Keys are stable ids; {name} placeholders are filled by t().
// Errors here abort the run (exit 2), so each must say on one line what is wrong and how to fix it.
import type { Catalog } from './catalog.js';

export const inputMessages = {
  'input.inManifest': {
    en: '{message} (listed in the sources of {manifest}; paths there are relative to the manifest)',
    zh: '{message}（见清单 {manifest} 的 sources；其中的路径相对于清单所在目录）',
  },
  'input.noRows': {
    en: 'no rows found in the inputs: only headers, or empty sheets',
    zh: '输入中没有数据行：只有表头，或工作表为空',
  },
  'input.missingFile': {
    en: '{file}: file not found',
    zh: '{file}：文件不存在',
  },
  'input.unreadable': {
    en: '{file}: cannot read the file ({reason})',
    zh: '{file}：无法读取文件（{reason}）',
  },
  'input.unknownExtension': {
    en: "{file}: unsupported file type '{ext}' (accepted: {accepted})",
    zh: '{file}：不支持的文件类型“{ext}”（支持：{accepted}）',
  },
  'input.notXlsx': {
    en: '{file}: not a readable .xlsx workbook (damaged, truncated, or another format renamed to .xlsx)',
    zh: '{file}：不是可读取的 .xlsx 工作簿（文件已损坏、不完整，或是其他格式改名为 .xlsx）',
  },
  'input.oldXls': {
    en: '{file}: this is an old .xls file or a password-protected workbook; open it in Excel and save it as .xlsx without a password',
    zh: '{file}：这是旧版 .xls 文件或加密的工作簿；请在 Excel 中打开并另存为不加密码的 .xlsx',
  },
  'input.noKnownSheet': {
    en: '{file}: no sheet named after a record kind (sheets found: {sheets}; expected: {expected})',
    zh: '{file}：没有以记录类型命名的工作表（现有：{sheets}；应为：{expected}）',
  },
  'input.sheetIgnored': {
    en: "{file}: sheet '{sheet}' ignored: not a known kind ({expected})",
    zh: '{file}：已忽略工作表“{sheet}”：不是已知的记录类型（{expected}）',
  },
  'input.sheetOtherKind': {
    en: "{file}: sheet '{sheet}' skipped: only {kind} is read",
    zh: '{file}：已跳过工作表“{sheet}”：只读取 {kind}',
  },
  'input.sheetEmpty': {
    en: "{file}: sheet '{sheet}' is empty (no header row)",
    zh: '{file}：工作表“{sheet}”为空（没有表头行）',
  },
  'input.missingColumn': {
    en: "{file}, sheet '{sheet}': missing column {column} (accepted headers: {accepted})",
    zh: '{file}，工作表“{sheet}”：缺少列 {column}（可用表头：{accepted}）',
  },
  'input.missingOneOf': {
    en: "{file}, sheet '{sheet}': needs one of the columns {columns} (accepted headers: {accepted})",
    zh: '{file}，工作表“{sheet}”：至少需要以下一列：{columns}（可用表头：{accepted}）',
  },
  'input.duplicateColumn': {
    en: "{file}, sheet '{sheet}': columns '{first}' and '{second}' both stand for {field}; keep only one",
    zh: '{file}，工作表“{sheet}”：列“{first}”和“{second}”都表示 {field}；请只保留一列',
  },
  'input.formulaNoResult': {
    en: "{file}, sheet '{sheet}': {count} formula cell(s) (first: {cell}) have no saved result and are read as empty; open and save the file in Excel or LibreOffice",
    zh: '{file}，工作表“{sheet}”：{count} 个公式单元格（首个：{cell}）没有保存计算结果，按空值读取；请用 Excel 或 LibreOffice 打开并保存',
  },
  'input.csvNoKind': {
    en: '{file}: cannot tell the record kind from the file name; name it after a kind ({expected}) or pass --kind',
    zh: '{file}：无法从文件名判断记录类型；请以类型命名文件（{expected}），或使用 --kind',
  },
  'input.csvManyKinds': {
    en: '{file}: the file name names several kinds ({kinds}); pass --kind',
    zh: '{file}：文件名包含多个记录类型（{kinds}）；请使用 --kind',
  },
  'input.badEncoding': {
    en: "{file}: unknown encoding '{encoding}' (accepted: {accepted})",
    zh: '{file}：未知编码“{encoding}”（支持：{accepted}）',
  },
  'input.notUtf8': {
    en: '{file}: not valid UTF-8 near line {line}; save it as UTF-8, or set encoding: gb18030',
    zh: '{file}：第 {line} 行附近不是有效的 UTF-8；请另存为 UTF-8，或设置 encoding: gb18030',
  },
  'input.csvSyntax': {
    en: '{file}: CSV error at line {line}: {reason}',
    zh: '{file}：第 {line} 行 CSV 格式错误：{reason}',
  },
  'input.csvUnclosedQuote': {
    en: '{file}: a quoted field opened at line {line} is never closed',
    zh: '{file}：第 {line} 行开始的引号字段没有闭合',
  },
  'input.yamlSyntax': {
    en: '{file}:{line}:{col}: YAML syntax error: {reason}',
    zh: '{file}:{line}:{col}：YAML 语法错误：{reason}',
  },
  'input.manifestUnknownKey': {
    en: "{file}:{line}:{col}: unknown key '{key}' in {where} (allowed: {allowed})",
    zh: '{file}:{line}:{col}：{where} 中有未知的键“{key}”（允许：{allowed}）',
  },
  'input.manifestMissingKey': {
    en: "{file}:{line}:{col}: {where} needs the key '{key}'",
    zh: '{file}:{line}:{col}：{where} 缺少键“{key}”',
  },
  'input.manifestBadValue': {
    en: '{file}:{line}:{col}: {where} must be one of: {allowed}',
    zh: '{file}:{line}:{col}：{where} 只能是以下之一：{allowed}',
  },
  'input.manifestBadType': {
    en: '{file}:{line}:{col}: {where} must be {type}',
    zh: '{file}:{line}:{col}：{where} 必须是 {type}',
  },
  'input.manifestInvalid': {
    en: '{file}:{line}:{col}: {where}: {reason}',
    zh: '{file}:{line}:{col}：{where}：{reason}',
  },
  'input.manifestNested': {
    en: '{file}:{line}:{col}: sources cannot name another manifest ({path}); list its files here or pass both manifests on the command line',
    zh: '{file}:{line}:{col}：sources 不能引用另一个清单（{path}）；请在此列出其中的文件，或在命令行同时传入两个清单',
  },
  'input.defaultsConflict': {
    en: "manifests disagree on {setting}: '{first}' in {firstFile}, '{second}' in {secondFile}",
    zh: '清单的 {setting} 设置不一致：{firstFile} 中为“{first}”，{secondFile} 中为“{second}”',
  },
  'input.catalogConflict': {
    en: 'catalog entry {kind}.{name} differs between {firstFile} and {secondFile}',
    zh: 'catalog 条目 {kind}.{name} 在 {firstFile} 与 {secondFile} 中定义不同',
  },
} satisfies Catalog;
