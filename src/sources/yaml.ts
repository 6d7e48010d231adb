// The YAML adapter: a manifest's inline records as rows. Nested objects flatten to the dotted headers a sheet would
// have (`i18n_names: {ch: 年假}` → `i18n_names.ch`), lists to comma-separated text (`transportation: [1, 2]` → "1,2").
// A manifest's `sources` are expanded by sources/index.ts, not here.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { isJsonField } from '../fields.js';
import type { Cell, InputRow } from '../types.js';
import { isEmptyRow, noticeUnknownColumns, sheetInfo } from './header.js';
import { loadManifest, type Manifest } from './manifest.js';
import type { ReadContext, SourceAdapter } from './types.js';

export const yamlAdapter: SourceAdapter = {
  name: 'yaml',
  async *read(input, ctx) {
    yield* inlineRows(await loadManifest(input.path), ctx);
  },
};

/** One "sheet" per list key; headers are the union of the records' keys in first-seen order; row = line number. */
export async function* inlineRows(m: Manifest, ctx: ReadContext): AsyncIterable<InputRow> {
  for (const list of m.lists) {
    const records = list.records.map((r) => ({ line: r.line, cells: flatten(r.node, m.doc) }));
    const headers = [...new Set(records.flatMap((r) => [...r.cells.keys()]))];
    if (!records.length) continue;
    const sheet = sheetInfo(m.file, list.kind, list.kind, headers);
    // Keys that name no field are not read: said once per list, as for a sheet's unknown columns.
    noticeUnknownColumns(sheet, ctx);
    for (const r of records) {
      const values = headers.map((h) => r.cells.get(h) ?? null);
      if (!isEmptyRow(values)) yield { sheet, row: r.line, values };
    }
  }
}

function flatten(node: unknown, doc: Document, prefix = '', out = new Map<string, Cell>()): Map<string, Cell> {
  const n = isAlias(node) ? node.resolve(doc) : node;
  const key = (k: string) => (prefix ? `${prefix}.${k}` : k);
  // A structured field (type json in fields.ts: field_values_v2) stays whole, as the JSON text a sheet cell would hold.
  if (isJsonField(prefix) && (isSeq(n) || isMap(n))) return out.set(prefix, JSON.stringify(n.toJS(doc)));
  if (isMap(n)) {
    // `<<: *defaults` (or a list of them) first: the record's own keys override what it merges, wherever written.
    for (const pair of n.items) if (isMergeKey(pair.key)) for (const merged of mergedMaps(pair.value, doc)) flatten(merged, doc, prefix, out);
    for (const pair of n.items) if (!isMergeKey(pair.key)) flatten(pair.value, doc, key(String(isScalar(pair.key) ? pair.key.value : pair.key)), out);
  } else if (isSeq(n)) {
    const items = n.items.map((i) => (isAlias(i) ? i.resolve(doc) : i));
    if (items.length && items.every((i) => isMap(i))) {
      // A list of objects (destinations): one comma-separated column per key, items aligned by position.
      const parts = items.map((i) => flatten(i, doc));
      const keys = [...new Set(parts.flatMap((p) => [...p.keys()]))];
      for (const k of keys) out.set(key(k), parts.map((p) => text(p.get(k) ?? null)).join(','));
    } else {
      out.set(prefix, items.map((i) => text(scalar(i))).join(','));
    }
  } else {
    out.set(prefix, scalar(n));
  }
  return out;
}

/** The key of a merge (`<<`): a symbol once the document is parsed with merge keys on. */
const isMergeKey = (k: unknown) => isScalar(k) && (typeof k.value === 'symbol' || (k.value === '<<' && k.type === 'PLAIN'));

/** The maps a merge key brings in, the one that wins last: in `<<: [*a, *b]`, `a` takes precedence over `b`. */
function mergedMaps(value: unknown, doc: Document): unknown[] {
  const v = isAlias(value) ? value.resolve(doc) : value;
  return isSeq(v) ? v.items.map((i) => (isAlias(i) ? i.resolve(doc) : i)).reverse() : [v];
}

/**
 * YAML numbers stay numbers, unless reading them would change what the user typed: `001234`, `1.0`, a 20-digit id.
 * Those keep their text, as a spreadsheet cell formatted as text would.
 */
function scalar(node: unknown): Cell {
  if (!isScalar(node)) return node === null || node === undefined ? null : String(node);
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    const source = (node as Node & { source?: string }).source;
    return node.type === 'PLAIN' && source !== undefined && source !== String(v) ? source : v;
  }
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

const text = (c: Cell) => (c === null ? '' : String(c));
