// Turns an ajv error on a manifest into one line a user can act on: where (file:line:col and a readable path),
// what is wrong, and what is allowed there.
import type { ErrorObject } from 'ajv';
import { isMap, isNode, isPair, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { ref, type MessageRef } from '../messages/said.js';

type Segment = string | number;

function segmentsOf(instancePath: string): Segment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `sources[0].kind`, `catalog.leaves.annual`, or "the manifest" for the top level. */
function readable(path: Segment[]): string {
  if (!path.length) return 'the manifest';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');
}

/** The line and column of the node at `path` (or of the key `key` inside it). */
export function positionOf(doc: Document, lc: LineCounter, path: Segment[], key?: string): { line: number; col: number } {
  let node: unknown = path.length ? doc.getIn(path, true) : doc.contents;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isNode(pair.key)) node = pair.key;
  }
  const offset = isNode(node) ? ((node as Node).range?.[0] ?? 0) : 0;
  return lc.linePos(offset);
}

export function manifestErrorMessage(file: string, doc: Document, lc: LineCounter, e: ErrorObject): MessageRef {
  const path = segmentsOf(e.instancePath);
  const where = readable(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {}).join(', ');
      return ref('input.manifestUnknownKey', { file, ...positionOf(doc, lc, path, key), key, where, allowed: allowed || '—' });
    }
    case 'required':
      return ref('input.manifestMissingKey', { file, ...positionOf(doc, lc, path), where, key: String(params.missingProperty) });
    case 'enum':
      return ref('input.manifestBadValue', { file, ...positionOf(doc, lc, path), where, allowed: (params.allowedValues as unknown[]).join(', ') });
    case 'type':
      return ref('input.manifestBadType', { file, ...positionOf(doc, lc, path), where, type: String(params.type) });
    default:
      return ref('input.manifestInvalid', { file, ...positionOf(doc, lc, path), where, reason: e.message ?? e.keyword });
  }
}
