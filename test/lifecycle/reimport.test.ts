// import → undo → re-import: the records live again, once each, although the server remembers the revoked ones'
// idempotent ids; and the same flow from the command line against the persisted --sandbox.
import { copyFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { undo } from '../../src/index.js';
import { cleanEnv, ROOT, runCli } from '../helpers/cli.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { importMonth, live } from './helpers.js';

describe('re-import after undo', () => {
  it('writes every record again under a derived idempotent_id, once, each time', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { input, state } = await importMonth(sb, dir, 3, 2, 6);
      const standing = live(sb).length;
      await undo({ ...against(sb), state, out: false });
      expect(live(sb)).toEqual([]);

      const again = await apply([input], { ...against(sb), state, out: false });
      // Rejected remedies were left rejected by the undo: the server still holds what those rows ask for.
      expect(again.counts).toMatchObject({ created: 16, exists: 2, failed: 0, conflict: 0 });
      expect(live(sb)).toHaveLength(standing);
      expect(sb.duplicates()).toEqual([]);
      const ids = [...again.outcomes.all()].filter((o) => o.ref.sheet === 'leaves').map((o) => o.idempotent_id);
      expect(ids.every((id) => /^[0-9a-f]{32}-r1$/.test(id ?? ''))).toBe(true);

      // A crash-free re-run confirms; a second undo and re-import use the next id.
      expect((await apply([input], { ...against(sb), state, out: false })).counts).toMatchObject({ exists: 18 });
      await undo({ ...against(sb), state, out: false });
      const third = await apply([input], { ...against(sb), state, out: false });
      expect(third.counts).toMatchObject({ created: 16, exists: 2 });
      expect([...third.outcomes.all()].find((o) => o.ref.sheet === 'overtime')?.idempotent_id).toMatch(/-r2$/);
      expect(live(sb)).toHaveLength(standing);
      expect(sb.duplicates()).toEqual([]);
    });
  });

  it('apply --sandbox, undo --sandbox, apply --sandbox on the samples, as a user would', async () => {
    const dir = tempDir();
    for (const f of ['manifest.yaml', '2026-03.xlsx', 'extra-leaves.csv']) copyFileSync(join(ROOT, 'samples', f), join(dir, f));
    const env = cleanEnv();
    const run = (args: string[]) => runCli(args, { env, cwd: dir });
    const first = await run(['apply', 'manifest.yaml', '--sandbox', '--json']);
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout).counts.created as number;
    expect(created).toBeGreaterThan(100);

    const undone = await run(['undo', '--sandbox', '--json']);
    expect(undone.code).toBe(0);
    expect(JSON.parse(undone.stdout).rows).toHaveLength(created);

    const store = join(dir, '.feishu-import', 'sandbox', 'sandbox.json');
    expect(statSync(store).mode & 0o777).toBe(0o600);
    const stored = async () => JSON.parse(await readFile(store, 'utf8')) as { records: { status: number }[] };
    expect((await stored()).records.filter((r) => r.status === 0 || r.status === 2)).toEqual([]);

    const again = await run(['apply', 'manifest.yaml', '--sandbox', '--json']);
    expect(again.code).toBe(0);
    const counts = JSON.parse(again.stdout).counts as Record<string, number>;
    expect((counts.created ?? 0) + (counts.exists ?? 0)).toBe(created);
    expect((await stored()).records.filter((r) => r.status === 0 || r.status === 2).length).toBe(counts.created);
  });
});
