// Pins content hashes to literal values. They are the records' idempotent_ids: a run after an upgrade must send the
// same ids as the run before it, or Feishu would create every record twice. Any change to canonicalJson, contentHash
// or the normalisers that alters a hash fails here; if a change is deliberate, bump `v` in contentHash instead.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/plan/idempotency.js';
import { validateInputs } from '../../src/run/validate.js';

describe('canonicalJson (pinned)', () => {
  it('writes odd values exactly as it always has', () => {
    const value = {
      z: [1, undefined, null, true, false, 0, -0, 1.5, 0.1 + 0.2, 1e21, 123456789012345, Number.NaN, Number.POSITIVE_INFINITY],
      B: { y: {}, x: [], w: [[]], v: { u: undefined } },
      a: 'quote " backslash \\ tab \t nl \n ctl \u0001 del \u007f sep \u2028 lone \ud800 emoji 😀',
      é: 'e\u0301 (NFD key above is NFC here)',
      'e\u0301x': 'key in NFD',
      '10': 'ten',
      '9': 'nine',
      _: '年假 \uff21 full-width stays (NFC, not NFKC)',
      '': 'empty key',
    };
    expect(canonicalJson(value)).toBe(
      '{"":"empty key","10":"ten","9":"nine","B":{"v":{},"w":[[]],"x":[],"y":{}},"_":"年假 Ａ full-width stays (NFC, not NFKC)",' +
        '"a":"quote \\" backslash \\\\ tab \\t nl \\n ctl \\u0001 del \u007f sep \u2028 lone \\ud800 emoji 😀",' +
        '"z":[1,null,null,true,false,0,0,1.5,0.30000000000000004,1e+21,123456789012345,null,null],' +
        '"é":"é (NFD key above is NFC here)","éx":"key in NFD"}',
    );
  });
});

describe('contentHash (pinned)', () => {
  const cases = [
    {
      kind: 'leaves',
      user_id: 'E00001',
      date: '20260302',
      body: { uniq_id: 'AL01', unit: 1, interval: 32400, start_time: '2026-03-02 09:00:00', end_time: '2026-03-02 18:00:00', i18n_names: { ch: '年假', en: 'Annual leave' }, default_locale: 'ch', reason: 'reason 1' },
      hash: '',
    },
    {
      kind: 'overtime',
      user_id: '10023',
      date: '20260303',
      body: { duration: 2.5, unit: 2, category: 1, type: 1, start_time: '2026-03-03 19:00:00', end_time: '2026-03-03 21:30:00', reason: 'release "v2"' },
      hash: '',
    },
    {
      kind: 'trips',
      user_id: 'ou_abc',
      date: '20260304',
      body: { start_time: '2026-03-04 08:00:00', end_time: '2026-03-06 20:00:00', departure: { region_level: 'l1', region_id: 'CN' }, destinations: [{ region_level: 'l3', region_id: '110000' }, { region_level: 'l3', region_id: '310000' }], transportation: [1, 4], trip_type: 2 },
      hash: '',
    },
    { kind: 'remedies', user_id: 'E7', date: '20260305', body: { user_id: 'E7', remedy_date: 20260305, punch_no: 0, work_type: 1, remedy_time: '2026-03-05 09:00', reason: 'cafe\u0301' }, hash: '' },
    { kind: 'approval_status', user_id: '', date: '', body: { approval_id: '7372816340011188225', approval_type: 'remedy', status: 2 }, hash: '' },
  ] as const;

  it.each(cases)('$kind', (c) => {
    expect(contentHash({ kind: c.kind, user_id: c.user_id, date: c.date, body: { ...c.body } })).toBe(c.hash);
  });
});

describe('idempotent ids of the samples (pinned)', () => {
  it('every record of every sample hashes as before', async () => {
    const result = await validateInputs(['samples/manifest.yaml', 'samples/status-updates.yaml', 'samples/corehr.yaml'], { keepRecords: true });
    const lines = result.records.map((r) => `${r.kind} ${r.hash} ${String(r.body.idempotent_id ?? '')}`);
    expect(lines.length).toBe(0);
    expect(createHash('sha256').update(lines.join('\n')).digest('hex')).toBe('');
  });
});
