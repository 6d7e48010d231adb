import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { loadManifest } from '../../src/sources/manifest.js';
import { yamlAdapter } from '../../src/sources/yaml.js';
import { byField, collect, fixture, rejection } from './helpers.js';

const tmpYaml = async (content: string) => {
  const path = join(await mkdtemp(join(tmpdir(), 'fi-yaml-')), 'm.yaml');
  await writeFile(path, content);
  return path;
};

describe('manifest', () => {
  it('reads settings, the catalog, and sources resolved against its folder', async () => {
    const m = await loadManifest(fixture('manifest.yaml'));
    expect(m.defaults).toEqual({
      employee_type: 'employee_no',
      default_locale: 'ch',
      catalog: { leaves: { annual: { uniq_id: 'AL01', i18n_names: { ch: '年假', en: 'Annual leave' } } }, outs: {} },
    });
    expect(m.sources).toEqual([
      { path: fixture('dates.xlsx'), kind: 'leaves' },
      { path: fixture('leaves-gbk.csv'), kind: 'leaves', encoding: 'gbk', columns: { 原因: 'reason' } },
    ]);
  });

  it('refuses an unknown key, naming it, its line, and the keys allowed there', async () => {
    const path = await tmpYaml('employee_type: employee_no\nsources:\n  - path: a.xlsx\n    kinds: leaves\n');
    const e = await rejection(loadManifest(path));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe(`${path}:4:5: unknown key 'kinds' in sources[0] (allowed: path, kind, columns, encoding)`);
  });

  it('refuses an unknown top-level key and a bad setting value', async () => {
    const a = await rejection(loadManifest(await tmpYaml('employe_type: employee_no\n')));
    expect(a.message).toMatch(/:1:1: unknown key 'employe_type' in the manifest \(allowed: \$schema, employee_type,/);
    const b = await rejection(loadManifest(await tmpYaml('\nemployee_type: staff_no\n')));
    expect(b.message).toMatch(/:2:16: employee_type must be one of: employee_id, employee_no, open_id$/);
    const c = await rejection(loadManifest(await tmpYaml('catalog:\n  leaves:\n    annual: { i18n_names: { ch: 年假 } }\n')));
    expect(c.message).toMatch(/:3:13: catalog\.leaves\.annual needs the key 'uniq_id'/);
  });

  it('reports a YAML syntax error with line and column, on one line', async () => {
    const e = await rejection(loadManifest(await tmpYaml('leaves:\n  - { user_id: E001, reason: [a, b }\n')));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/m\.yaml:2:\d+: YAML syntax error: /);
    expect(e.message).not.toContain('\n');
  });

  it('refuses a source that is itself a manifest', async () => {
    const e = await rejection(loadManifest(await tmpYaml('sources:\n  - path: other.yaml\n')));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/:2:5: sources cannot name another manifest \(other\.yaml\)/);
  });
});

describe('yaml adapter (inline records)', () => {
  it('flattens nested objects and lists, keeps times as text, numbers as numbers, ids as typed', async () => {
    const { rows } = await collect((ctx) => yamlAdapter.read({ path: fixture('manifest.yaml') }, ctx));
    const leaves = rows.filter((r) => r.sheet.kind === 'leaves');
    expect(leaves.map((r) => r.row)).toEqual([12, 13]);
    expect(leaves[0]?.sheet).toMatchObject({ name: 'leaves', headers: ['user_id', 'type', 'unit', 'start_time', 'end_time', 'reason', 'i18n_names.ch', 'i18n_names.en'] });
    expect(leaves.map(byField)).toEqual([
      { user_id: 'E009', type: 'annual', unit: 'day', start_time: '2026-03-02 09:00', end_time: '2026-03-02 18:00', reason: '家中有事', 'i18n_names.ch': null, 'i18n_names.en': null },
      { user_id: '000123', type: 'annual', unit: 1, start_time: '2026-03-03 09:00', end_time: '2026-03-03 18:00', reason: '年假', 'i18n_names.ch': '年假', 'i18n_names.en': 'Annual leave' },
    ]);
    const trip = rows.find((r) => r.sheet.kind === 'trips')!;
    expect(trip.row).toBe(21);
    expect(byField(trip)).toMatchObject({
      start_time: '2026-03-09 09:00:00',
      'departure.region_level': 'l3',
      'departure.region_id': '6863333418483058189',
      'destinations.region_level': 'l3,l3',
      'destinations.region_id': '6863333418483058190,6863333418483058191',
      transportation: 'plane,2',
      trip_type: 'round_trip',
    });
  });

  it('refuses a list that lacks a required column in every record', async () => {
    const path = await tmpYaml('remedies:\n  - { user_id: E001, remedy_date: 20260309 }\n');
    const e = await rejection(collect((ctx) => yamlAdapter.read({ path }, ctx)));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/m\.yaml, sheet 'remedies': missing column punch_no/);
  });

  it('reads merge keys: own keys win over merged ones, and an earlier merged map over a later one', async () => {
    const path = await tmpYaml(
      [
        'leaves:',
        "  - &a { user_id: E001, unit: day, reason: a, start_time: '2026-03-02 09:00', end_time: '2026-03-02 18:00', type: annual }",
        '  - &b { reason: b, unit: hour }',
        '  - <<: [*a, *b]',
        '    user_id: E002',
        '  - { <<: *a, reason: own }',
      ].join('\n'),
    );
    const { rows } = await collect((ctx) => yamlAdapter.read({ path }, ctx));
    expect(rows.slice(2).map((r) => [byField(r).user_id, byField(r).unit, byField(r).reason])).toEqual([
      ['E002', 'day', 'a'],
      ['E001', 'day', 'own'],
    ]);
  });
});

describe('inline records', () => {
  it('says which keys name no field, once per list, and still reads the rest', async () => {
    const path = await tmpYaml(
      'leaves:\n  - { user_id: E1, uniq_id: AL01, i18n_names: { ch: 年假 }, unit: hour, start_time: "2026-03-02 09:00", end_time: "2026-03-02 10:00", reason: x, remark_internal: y }\n  - { user_id: E2, uniq_id: AL01, i18n_names: { ch: 年假 }, unit: hour, start_time: "2026-03-02 09:00", end_time: "2026-03-02 10:00", reason: x, remark_internal: z }\n',
    );
    const { rows, notices } = await collect((ctx) => yamlAdapter.read({ path }, ctx));
    expect(rows).toHaveLength(2);
    expect(notices).toEqual([expect.stringMatching(/sheet 'leaves': 1 column\(s\) not used \(unknown headers\): remark_internal/)]);
  });
});
