// Builds InputRows the way the source adapters do: headers as written, fields mapped through the field table.
import { fieldOfHeader } from '../../src/fields.js';
import type { Defaults } from '../../src/sources/types.js';
import type { Cell, InputRow, Kind } from '../../src/types.js';

export function rowOf(
  kind: Kind,
  cells: Record<string, Cell>,
  where: { file?: string; sheet?: string; row?: number } = {},
): InputRow {
  const headers = Object.keys(cells);
  return {
    sheet: {
      file: where.file ?? 'march.xlsx',
      name: where.sheet ?? kind,
      kind,
      headers,
      fields: headers.map((h) => fieldOfHeader(kind, h)),
    },
    row: where.row ?? 2,
    values: Object.values(cells),
  };
}

export const noDefaults: Defaults = { catalog: { leaves: {}, outs: {} } };

export const catalogDefaults: Defaults = {
  default_locale: 'en',
  catalog: {
    leaves: {
      annual: { uniq_id: 'annual01', i18n_names: { ch: '年假', en: 'Annual leave' } },
      sick: { uniq_id: 'sick01', i18n_names: { ch: '病假', en: 'Sick leave' }, default_locale: 'ch' },
    },
    outs: { visit: { uniq_id: 'visit01', i18n_names: { ch: '拜访客户', en: 'Customer visit' } } },
  },
};

export const leaveCells = (over: Record<string, Cell> = {}): Record<string, Cell> => ({
  user_id: 'u1',
  uniq_id: 'annual01',
  unit: 'hour',
  start_time: '2026-03-02 09:00:00',
  end_time: '2026-03-02 12:00:00',
  'i18n_names.ch': '年假',
  reason: '家里有事',
  ...over,
});
