// Pins content hashes to literal values. They are the records' idempotent_ids: a run after an upgrade must send the
// same ids as the run before it, or Feishu would create every record twice. Any change to canonicalJson, contentHash
// or the normalisers that alters a hash fails here; if a change is deliberate, bump `v` in contentHash instead.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
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
        // Keys are sorted as given, then NFC-normalised: the NFD key sorts under "e", its NFC output does not.
        '"éx":"key in NFD","z":[1,null,null,true,false,0,0,1.5,0.30000000000000004,1e+21,123456789012345,null,null],' +
        '"é":"é (NFD key above is NFC here)"}',
    );
  });
});

/** canonicalJson as first written (before it was tuned for speed): the reference the fast one must match. */
function referenceCanonicalJson(value: unknown): string {
  const nfc = (s: string): string => (/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFC'));
  if (typeof value === 'string') return JSON.stringify(nfc(value));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : referenceCanonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    let out = '';
    for (const k of Object.keys(o).sort()) {
      const v = o[k];
      if (v === undefined) continue;
      out += `${out ? ',' : ''}${JSON.stringify(nfc(k))}:${referenceCanonicalJson(v)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const referenceHash = (parts: { kind: string; user_id: string; date: string; body: Record<string, unknown> }) => {
  const { idempotent_id: _ignored, ...body } = parts.body;
  const text = referenceCanonicalJson({ v: 1, kind: parts.kind, user_id: parts.user_id, date: parts.date, body });
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
};

describe('canonicalJson and contentHash against the reference', () => {
  // Strings from every corner: NFD and full-width forms, quotes, controls, lone surrogates, emoji.
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('e\u0301', '"', '\\', '\u007f', '\ud800', 'Ａ'));
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('list'), tie('object')),
    list: fc.array(tie('any'), { maxLength: 5 }),
    object: fc.dictionary(text, tie('any'), { maxKeys: 6 }),
  })).any;

  it('writes any value exactly as the reference', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('hashes any record exactly as the reference', () => {
    const body = fc.dictionary(fc.oneof(text, fc.constant('idempotent_id')), value, { maxKeys: 12 });
    fc.assert(
      fc.property(fc.constantFrom('leaves', 'overtime', 'remedies'), text, text, body, (kind, user_id, date, b) => {
        const parts = { kind: kind as 'leaves', user_id, date, body: b };
        expect(contentHash(parts)).toBe(referenceHash(parts));
      }),
      { numRuns: 500 },
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
      hash: 'c9b1e77da7c71109f5e264025ae6638c',
    },
    {
      kind: 'overtime',
      user_id: '10023',
      date: '20260303',
      body: { duration: 2.5, unit: 2, category: 1, type: 1, start_time: '2026-03-03 19:00:00', end_time: '2026-03-03 21:30:00', reason: 'release "v2"' },
      hash: '6cb542fd6cf6ab0ce41c619b3a4a0096',
    },
    {
      kind: 'trips',
      user_id: 'ou_abc',
      date: '20260304',
      body: { start_time: '2026-03-04 08:00:00', end_time: '2026-03-06 20:00:00', departure: { region_level: 'l1', region_id: 'CN' }, destinations: [{ region_level: 'l3', region_id: '110000' }, { region_level: 'l3', region_id: '310000' }], transportation: [1, 4], trip_type: 2 },
      hash: '27e7e71ffca567f34bde5d3c1a42b197',
    },
    { kind: 'remedies', user_id: 'E7', date: '20260305', body: { user_id: 'E7', remedy_date: 20260305, punch_no: 0, work_type: 1, remedy_time: '2026-03-05 09:00', reason: 'cafe\u0301' }, hash: '8a15742fd16b86d78ffc62a1893fac13' },
    { kind: 'approval_status', user_id: '', date: '', body: { approval_id: '7372816340011188225', approval_type: 'remedy', status: 2 }, hash: '246c7db5ec944c6abe2bbafd722e3493' },
  ] as const;

  it.each(cases)('$kind', (c) => {
    expect(contentHash({ kind: c.kind, user_id: c.user_id, date: c.date, body: { ...c.body } })).toBe(c.hash);
  });
});

describe('idempotent ids of the samples (pinned)', () => {
  it('every record of every sample hashes as before', async () => {
    const result = await validateInputs(['samples/manifest.yaml', 'samples/status-updates.yaml', 'samples/corehr.yaml'], { keepRecords: true });
    const lines = result.records.map((r) => `${r.kind} ${r.hash} ${String(r.body.idempotent_id ?? '')}`);
    expect(lines.length).toBe(167);
    expect(createHash('sha256').update(lines.join('\n')).digest('hex')).toBe('f60f73ca432880cb77c34fe1f4dae37d70fbe866b8afbc91f0f22a80c24e6650');
  });
});
