// The validators compiled at build time (dist/schema/validators.cjs, written by src/schema/standalone.ts) against
// ajv compiling the same schemas at run time, as the sources do under vitest: the same errors, field by field.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, readSchema } from '../../src/schema/index.js';
import { KINDS, type Kind } from '../../src/types.js';

// Built by the global setup, as `npm run build` builds it.
const built = createRequire(import.meta.url)('../../dist/schema/validators.cjs') as Record<Kind, ValidateFunction>;

const page = JSON.parse(readFileSync(new URL('../fixtures/api/user_approvals-create.request.json', import.meta.url), 'utf8')).user_approval;
const group = { user_id: page.user_id, date: page.date };
const examples: Partial<Record<Kind, object>> = {
  leaves: { ...group, ...page.leaves[0] },
  overtime: { ...group, ...page.overtime_works[0] },
  trips: { ...group, ...page.trips[0] },
  outs: { ...group, ...page.outs[0] },
  remedies: { user_id: 'abd754f7', remedy_date: 20210701, punch_no: 0, work_type: 1, remedy_time: '2021-07-01 08:00', reason: '忘记打卡' },
};

/** Objects that break each property of the schema in the ways a sheet can: wrong type, too long, out of range, unknown. */
function inputs(kind: Kind): unknown[] {
  const schema = readSchema(kind) as { properties: Record<string, unknown> };
  const base = examples[kind] ?? {};
  const out: unknown[] = [{}, base, { ...base, no_such_field: 1 }, null, 'text'];
  for (const name of Object.keys(schema.properties)) {
    for (const bad of [12345, -1, 1.5, 'x', 'x'.repeat(5000), '😀'.repeat(300), null, [1], { a: 1 }, true, '2026-13-45 25:61:00']) out.push({ ...base, [name]: bad });
  }
  return out;
}

describe('validators compiled at build time', () => {
  it.each(KINDS.map((k) => [k]))('%s: the same verdict and errors as ajv at run time', (kind) => {
    const runtime = new Ajv(AJV_OPTIONS).compile(readSchema(kind));
    const precompiled = built[kind];
    let refused = 0;
    for (const data of inputs(kind)) {
      const ok = runtime(data);
      expect(precompiled(data), JSON.stringify(data).slice(0, 200)).toBe(ok);
      expect(precompiled.errors ?? null).toEqual(runtime.errors ?? null);
      if (!ok) refused++;
    }
    expect(refused).toBeGreaterThan(10); // the inputs do break the schema
  });
});
