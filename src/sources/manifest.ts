// Loads a YAML manifest: parse with positions, validate against the manifest schema, and split it into defaults,
// source files and inline record lists. Any problem is one line naming the file, line and column.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, isAlias, isMap, isNode, isSeq, parseDocument, visit, type Document, type YAMLMap } from 'yaml';
import { ConfigError, InputError } from '../errors.js';
import { KINDS, type Kind } from '../types.js';
import { checkReadable } from './files.js';
import { manifestErrorMessage, positionOf } from './manifest-errors.js';
import { manifestSchema } from './manifest-schema.js';
import { oneLine } from './oneline.js';
import { MAX_CELL_CHARS } from './limits.js';
import type { CatalogEntry, Defaults, SourceInput } from './types.js';
import { ref } from '../messages/said.js';

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

/** A manifest is settings and a few records: past this, parsing alone would take a gigabyte (a 50 MB string: 2 GB). */
const MAX_MANIFEST_BYTES = 8 * 2 ** 20;
/** Alias expansions allowed while turning the document into data: a "billion laughs" stops here. */
export const MAX_ALIASES = 1000;

export async function loadManifest(file: string): Promise<Manifest> {
  await checkReadable(file);
  const { size } = await stat(file);
  if (size > MAX_MANIFEST_BYTES) throw new InputError(ref('input.yamlTooLarge', { file, size: megabytes(size), limit: megabytes(MAX_MANIFEST_BYTES) }));
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  // The core schema keeps `2026-03-02 09:00` a string: YAML 1.1 timestamps would become Dates shifted by a zone.
  // Merge keys (`<<: *defaults`) are YAML 1.1, but common in real manifests.
  const doc = parseDocument(text, { lineCounter, schema: 'core', merge: true, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new InputError(ref('input.yamlSyntax', { file, line, col, reason: oneLine(syntax.message.split('\n')[0] ?? syntax.code, 120) }));
  }
  checkLengths(file, doc, lineCounter);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) throw new InputError(ref('input.yamlAliases', { file, max: MAX_ALIASES }), { cause: e });
    throw e;
  }
  const v = validate(data);
  if (v.errors?.[0]) throw new ConfigError(manifestErrorMessage(file, doc, lineCounter, v.errors[0]));

  const m = data as { employee_type?: Defaults['employee_type']; default_locale?: Defaults['default_locale']; scope?: { from?: string | number; to?: string | number; users?: 'inputs' | 'all' } } & {
    catalog?: { leaves?: Record<string, CatalogEntry>; outs?: Record<string, CatalogEntry> };
    sources?: SourceInput[];
  };
  const defaults: Defaults = { catalog: { leaves: m.catalog?.leaves ?? {}, outs: m.catalog?.outs ?? {} } };
  if (m.employee_type) defaults.employee_type = m.employee_type;
  if (m.default_locale) defaults.default_locale = m.default_locale;
  if (m.scope) {
    // 2026-03-01 or 20260301, as the sheets accept dates; kept as yyyyMMdd like every date the importer compares.
    const day = (v: string | number | undefined) => (v === undefined ? undefined : String(v).replace(/-/g, ''));
    const from = day(m.scope.from);
    const to = day(m.scope.to);
    defaults.scope = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(m.scope.users ? { users: m.scope.users } : {}) };
  }

  const sources = (m.sources ?? []).map((s, i) => {
    if (/\.ya?ml$/i.test(s.path)) {
      const { line, col } = positionOf(doc, lineCounter, ['sources', i]);
      throw new ConfigError(ref('input.manifestNested', { file, line, col, path: s.path }));
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

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** No value of a manifest may be longer than a cell can hold: said with its place, before anything uses it. */
function checkLengths(file: string, doc: Document, lc: LineCounter): void {
  visit(doc, {
    Scalar(_key, node) {
      const v = node.value;
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        const { line, col } = lc.linePos(node.range?.[0] ?? 0);
        throw new InputError(ref('input.yamlLongValue', { file, line, col, length: v.length, max: MAX_CELL_CHARS }));
      }
    },
  });
}
