import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { resolveInputs } from '../../src/sources/index.js';
import { collect, fixture, rejection } from './helpers.js';

const tmpFile = async (name: string, content: string) => {
  const path = join(await mkdtemp(join(tmpdir(), 'fi-res-')), name);
  await writeFile(path, content);
  return path;
};

describe('resolveInputs', () => {
  it('expands a manifest into its sources then its inline records, and can stream them again', async () => {
    const inputs = await resolveInputs([fixture('manifest.yaml')]);
    expect(inputs.files).toEqual([fixture('manifest.yaml'), fixture('dates.xlsx'), fixture('leaves-gbk.csv')]);
    expect(inputs.defaults.employee_type).toBe('employee_no');
    const first = await collect((ctx) => inputs.rows(ctx));
    const where = first.rows.map((r) => `${r.sheet.file.split('/').pop()}:${r.sheet.name}:${r.row}`);
    expect(where).toEqual([
      'dates.xlsx:请假:2', 'dates.xlsx:请假:3', 'dates.xlsx:请假:6', 'dates.xlsx:请假:7', 'dates.xlsx:请假:8',
      'leaves-gbk.csv:leaves-gbk:2', 'leaves-gbk.csv:leaves-gbk:4',
      'manifest.yaml:leaves:12', 'manifest.yaml:leaves:13', 'manifest.yaml:trips:21',
    ]);
    // kind: leaves on the workbook source skips its remedies sheet, with a notice
    expect(first.notices.some((n) => n.includes("'remedies' skipped"))).toBe(true);
    const again = await collect((ctx) => inputs.rows(ctx));
    expect(again.rows.map((r) => r.values)).toEqual(first.rows.map((r) => r.values));
  });

  it('applies --kind to command-line files and gives empty defaults without a manifest', async () => {
    const inputs = await resolveInputs([fixture('leaves-gbk.csv')], { kind: 'leaves' });
    expect(inputs.defaults).toEqual({ catalog: { leaves: {}, outs: {} } });
    expect((await collect((ctx) => inputs.rows(ctx))).rows).toHaveLength(2);
  });

  it('fails before reading anything on a missing file or an unknown extension', async () => {
    const a = await rejection(resolveInputs([fixture('dates.xlsx'), 'nope/missing.xlsx']));
    expect(a).toBeInstanceOf(InputError);
    expect(a.message).toBe('nope/missing.xlsx: file not found');
    const b = await rejection(resolveInputs([await tmpFile('data.xls', 'x')]));
    expect(b.message).toMatch(/unsupported file type '\.xls' \(accepted: \.xlsx, \.csv, \.yaml, \.yml\)/);
    const c = await rejection(resolveInputs([await tmpFile('m.yaml', 'sources:\n  - path: gone.csv\n')]));
    expect(c.message).toMatch(/gone\.csv: file not found/);
  });

  it('merges several manifests and refuses conflicting settings or catalog entries', async () => {
    const a = await tmpFile('a.yaml', 'employee_type: employee_no\ncatalog: { leaves: { annual: { uniq_id: AL01, i18n_names: { ch: 年假 } } } }\n');
    const b = await tmpFile('b.yaml', 'default_locale: en\ncatalog: { outs: { visit: { uniq_id: OUT1, i18n_names: { en: Visit } } } }\n');
    const merged = await resolveInputs([a, b]);
    expect(merged.defaults).toEqual({
      employee_type: 'employee_no',
      default_locale: 'en',
      catalog: { leaves: { annual: { uniq_id: 'AL01', i18n_names: { ch: '年假' } } }, outs: { visit: { uniq_id: 'OUT1', i18n_names: { en: 'Visit' } } } },
    });
    const c = await tmpFile('c.yaml', 'employee_type: open_id\n');
    const e1 = await rejection(resolveInputs([a, c]));
    expect(e1).toBeInstanceOf(ConfigError);
    expect(e1.message).toMatch(/manifests disagree on employee_type: 'employee_no' in .*a\.yaml, 'open_id' in .*c\.yaml/);
    const d = await tmpFile('d.yaml', 'catalog: { leaves: { annual: { uniq_id: AL02, i18n_names: { ch: 年假 } } } }\n');
    const e2 = await rejection(resolveInputs([a, d]));
    expect(e2.message).toMatch(/catalog entry leaves\.annual differs/);
  });
});
