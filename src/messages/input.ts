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
  'input.notRegularFile': {
    en: '{file}: not a regular file (a device, pipe or socket); give the path of a saved file',
    zh: '{file}：不是普通文件（设备、管道或套接字）；请提供已保存文件的路径',
  },
  'input.csvIsWorkbook': {
    en: '{file}: this is {format} saved with a .csv name; rename it to {ext} (or save it as CSV)',
    zh: '{file}：这是以 .csv 命名的{format}；请改名为 {ext}（或另存为 CSV）',
  },
  'input.csvNul': {
    en: '{file}: row {row}, column {column} holds a NUL byte: this is not a text CSV (a binary file, or UTF-16 without a byte-order mark)',
    zh: '{file}：第 {row} 行第 {column} 列含有 NUL 字节：这不是文本 CSV（可能是二进制文件，或不带 BOM 的 UTF-16）',
  },
  'input.csvTooWide': {
    en: '{file}: row {row} has {count} columns, more than the {max} a sheet can have (column {column} onwards)',
    zh: '{file}：第 {row} 行有 {count} 列，超过工作表最多的 {max} 列（自第 {column} 列起）',
  },
  'input.csvTooLong': {
    en: '{file}: a row starting at line {line} is larger than {limit}; the file is probably not a CSV',
    zh: '{file}：自第 {line} 行开始的一行大于 {limit}；该文件可能不是 CSV',
  },
  'input.unknownColumns': {
    en: "{file}, sheet '{sheet}': {count} column(s) not used (unknown headers): {columns}",
    zh: '{file}，工作表“{sheet}”：{count} 列未使用（表头无法识别）：{columns}',
  },
  'input.yamlTooLarge': {
    en: '{file}: too large for a manifest ({size}; at most {limit}); put the records in a .csv or .xlsx source',
    zh: '{file}：清单文件过大（{size}；上限 {limit}）；请把记录放进 .csv 或 .xlsx 源文件',
  },
  'input.yamlLongValue': {
    en: '{file}:{line}:{col}: a value of {length} characters, longer than the {max} a cell can hold',
    zh: '{file}:{line}:{col}：值长 {length} 个字符，超过单元格上限 {max}',
  },
  'input.yamlAliases': {
    en: '{file}: too many alias expansions (*name), more than {max}; write the values out or use fewer aliases',
    zh: '{file}：别名（*name）展开次数过多，超过 {max}；请直接写出值或减少别名',
  },
  'input.unknownExtension': {
    en: "{file}: unsupported file type '{ext}' (accepted: {accepted})",
    zh: '{file}：不支持的文件类型“{ext}”（支持：{accepted}）',
  },
  'input.notXlsx': {
    en: '{file}: not a readable .xlsx workbook (damaged, truncated, or another format renamed to .xlsx)',
    zh: '{file}：不是可读取的 .xlsx 工作簿（文件已损坏、不完整，或是其他格式改名为 .xlsx）',
  },
  'input.otherFormat': {
    en: '{file}: this is {format}, not an .xlsx workbook; open it and save it as .xlsx',
    zh: '{file}：这是{format}，不是 .xlsx 工作簿；请打开后另存为 .xlsx',
  },
  'input.xlsxDamaged': {
    en: '{file}: damaged workbook ({reason}); open it in Excel and save it again',
    zh: '{file}：工作簿已损坏（{reason}）；请在 Excel 中打开并重新保存',
  },
  'input.xlsxTooLarge': {
    en: '{file}: too large to read safely ({reason})',
    zh: '{file}：文件过大，无法安全读取（{reason}）',
  },
  'input.sheetMalformed': {
    en: "{file}, sheet '{sheet}': damaged sheet XML at line {line}, column {column} ({reason}); nothing from this file can be trusted, open it in Excel and save it again",
    zh: '{file}，工作表“{sheet}”：第 {line} 行第 {column} 列处 XML 已损坏（{reason}）；此文件内容不可信，请在 Excel 中打开并重新保存',
  },
  'input.sheetNotWorksheet': {
    en: "{file}: sheet '{sheet}' ignored: it is a chart, dialog or macro sheet, not a worksheet",
    zh: '{file}：已忽略工作表“{sheet}”：它是图表、对话框或宏表，不是普通工作表',
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
