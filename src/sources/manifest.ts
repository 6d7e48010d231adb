// Loads a YAML manifest: parse with positions, validate against the manifest schema, and split it into defaults,
// source files and inline record lists. Any problem is one line naming the file, line and column.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, isAlias, isMap, isNode, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { ConfigError, InputError } from '../errors.js';
import { t } from '../messages/index.js';
import { KINDS, type Kind } from '../types.js';
import { checkReadable } from './files.js';
import { manifestErrorMessage, positionOf } from './manifest-errors.js';
import { manifestSchema } from './manifest-schema.js';
import type { CatalogEntry, Defaults, SourceInput } from './types.js';

interface InlineList {
  kind: Kind;
  /** The records, each with the 1-based line its `-` item starts on. */
  records: { line: number; node: YAMLMap }[];
}

export interface Manifest {
  file: string;
  defaults: Defaults;
  /** Paths resolved against the manifest's folder. */
  sources: SourceInput[];
  lists: InlineList[];
  doc: Document;
}

let validator: ValidateFunction | undefined;
function validate(data: unknown): ValidateFunction {
  // Compiled once per process; `verbose` keeps the schema of each error, to list the allowed keys.
  validator ??= new Ajv({ allErrors: false, verbose: true, strict: false }).compile(manifestSchema());
  validator(data);
  return validator;
}

export async function loadManifest(file: string): Promise<Manifest> {
  await checkReadable(file);
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  // The core schema keeps `2026-03-02 09:00` a string: YAML 1.1 timestamps would become Dates shifted by a zone.
  const doc = parseDocument(text, { lineCounter, schema: 'core', prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new InputError(t('input.yamlSyntax', { file, line, col, reason: syntax.message.split('\n')[0] ?? syntax.code }));
  }
  const data: unknown = doc.toJS() ?? {};
  const v = validate(data);
  if (v.errors?.[0]) throw new ConfigError(manifestErrorMessage(file, doc, lineCounter, v.errors[0]));

  const m = data as { employee_type?: Defaults['employee_type']; default_locale?: Defaults['default_locale'] } & {
    catalog?: { leaves?: Record<string, CatalogEntry>; outs?: Record<string, CatalogEntry> };
    sources?: SourceInput[];
  };
  const defaults: Defaults = { catalog: { leaves: m.catalog?.leaves ?? {}, outs: m.catalog?.outs ?? {} } };
  if (m.employee_type) defaults.employee_type = m.employee_type;
  if (m.default_locale) defaults.default_locale = m.default_locale;

  const sources = (m.sources ?? []).map((s, i) => {
    if (/\.ya?ml$/i.test(s.path)) {
      const { line, col } = positionOf(doc, lineCounter, ['sources', i]);
      throw new ConfigError(t('input.manifestNested', { file, line, col, path: s.path }));
    }
    return { ...s, path: isAbsolute(s.path) ? s.path : join(dirname(file), s.path) };
  });

  const lists: InlineList[] = [];
  for (const kind of KINDS) {
    const seq = doc.get(kind, true);
    if (!isSeq(seq)) continue;
    const records = seq.items.flatMap((item) => {
      const node = isAlias(item) ? item.resolve(doc) : item; // `- *anchor` repeats a record defined elsewhere
      return isMap(node) && isNode(item) ? [{ line: lineCounter.linePos(item.range?.[0] ?? 0).line, node }] : [];
    });
    lists.push({ kind, records });
  }
  return { file, defaults, sources, lists, doc };
}
