// The library's results are plain data: every row's message is a catalog id with parameters, so a program renders
// it in the language it wants, after the run, and the same results serialise and come back unchanged.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply, ConfigError, plan, reasonText, render, setLang } from '../../src/index.js';
import { hasMessage } from '../../src/messages/index.js';
import type { MessageRef } from '../../src/messages/said.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { at, month, writeWorkbook } from '../helpers/workbook.js';

/** Every message id in a value, nested parameters included. */
function idsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (value && typeof value === 'object') {
    const m = value as Partial<MessageRef>;
    if (typeof m.id === 'string' && m.params && typeof m.params === 'object') out.push(m.id);
    for (const v of Object.values(value)) idsIn(v, out);
  }
  return out;
}

afterEach(() => setLang('en'));

describe('results as data', () => {
  it('carries ids and parameters, never rendered text, and renders in either language after the run', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const sheets = month(2, 1);
    sheets.leaves?.push(['E9', 'AL01', '年假', 'fortnight', at('2026-03-02 09:00'), at('2026-03-02 18:00'), 'bad unit']);
    await writeWorkbook(input, sheets);
    await withSandbox({}, async (sb) => {
      sb.rejectWhen((kind, _item, user) => (kind === 'overtime' && user === 'E0001' ? 'overtime rule not found' : undefined));
      const res = await apply([input], { ...against(sb), out: false });
      const outcomes = [...res.outcomes.all()];
      expect(res.counts).toMatchObject({ invalid: 1, failed: 1 });

      // Plain data: no rendered field, and a JSON round trip gives the same results.
      expect(outcomes.some((o) => 'error_message' in o)).toBe(false);
      expect(JSON.parse(JSON.stringify(outcomes))).toEqual(outcomes);
      for (const id of idsIn(outcomes)) expect(hasMessage(id), id).toBe(true);

      const invalid = outcomes.find((o) => o.status === 'invalid');
      expect(invalid?.problems?.map((p) => p.code)).toEqual(['validate.badEnum']);
      expect(invalid?.problems?.[0]?.params).toMatchObject({ found: 'fortnight' });
      // The same result, rendered in each language by the caller: the run's language does not matter.
      expect(reasonText(invalid ?? {}, 'en')).toMatch(/^unit: "fortnight" is not an accepted value\. Use one of: /);
      expect(reasonText(invalid ?? {}, 'zh')).toMatch(/^unit: “fortnight”不是可接受的值。/);

      const failed = outcomes.find((o) => o.status === 'failed');
      expect(failed?.message?.id).toBeDefined();
      if (sb.dialect.partialFailure !== 'opaque') expect(reasonText(failed ?? {}, 'zh')).toContain('overtime rule not found');
    });
  });

  it('gives a run-stopping error its id and parameters too', async () => {
    const dir = tempDir();
    const err = await plan([join(dir, 'missing.xlsx')], {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const said = (err as ConfigError).said;
    expect(said.id).toBe('input.missingFile');
    expect(render(said, 'en')).toBe((err as Error).message);
    expect(render(said, 'zh')).not.toBe((err as Error).message);
  });
});
