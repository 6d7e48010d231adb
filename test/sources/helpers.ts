// Small helpers for the source tests: read every row of an adapter into plain data.
import { fileURLToPath } from 'node:url';
import { render } from '../../src/messages/index.js';
import type { MessageRef } from '../../src/messages/said.js';
import type { InputRow } from '../../src/types.js';

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export interface Collected {
  rows: InputRow[];
  notices: string[];
}

/** Notices come as messages (id and parameters); the tests read them in words, as a user would. */
export async function collect(rows: (ctx: { onNotice(m: MessageRef): void }) => AsyncIterable<InputRow>): Promise<Collected> {
  const out: Collected = { rows: [], notices: [] };
  for await (const row of rows({ onNotice: (m) => out.notices.push(render(m)) })) out.rows.push(row);
  return out;
}

/** A row as `{ field: value-as-text }`, the way a reader of the test thinks about it. */
export function byField(row: InputRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  row.sheet.fields.forEach((f, i) => {
    const v = row.values[i];
    if (f) out[f] = v && typeof v === 'object' ? `${v.constructor.name}(${String(v)})` : v;
  });
  return out;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
