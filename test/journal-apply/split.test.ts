// A big state folder's journal is held a slice of users at a time (src/journal/split.ts): the confirmations go to
// disk by user while it is read, and each slice of a run loads its own. What a slice is told must be exactly what
// the whole journal says of that slice's users — after imports, an undo and a re-import — and nothing of others'.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apply, undo } from '../../src/index.js';
import { readJournal, type JournalQueries, type StandingRecord } from '../../src/journal/index.js';
import { partOf, PARTS } from '../../src/journal/part-files.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { importMonth } from '../lifecycle/helpers.js';

const RANGES = [0, 32, 64, 96].map((lo) => ({ lo, hi: lo + 31 }));
const byId = (a: StandingRecord, b: StandingRecord) => a.approval_id.localeCompare(b.approval_id);
/** The temp folders of journal parts, in a TMPDIR of this test's own (other test processes split journals too). */
const journalDirs = (tmp: string) => readdirSync(tmp).filter((d) => d.startsWith('feishu-import-journal-')).length;

describe('a journal held a slice of users at a time', () => {
  it('answers each slice as the whole journal answers for its users, and removes its parts when done', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { input, state } = await importMonth(sb, dir, 12, 2, 12);
      await undo({ ...against(sb), state, out: false });
      await apply([input], { ...against(sb), state, out: false });

      const whole = await readJournal(state);
      const tmp = tempDir();
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      const split = await readJournal(state, { splitAbove: 0 }).finally(() => {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      });
      expect(journalDirs(tmp)).toBe(1);
      const standing = whole.standing();
      expect(standing.length).toBeGreaterThan(40);
      // Nothing placed by a user is held whole once split: only the slices know it.
      expect(split.standing()).toEqual([]);

      const union: StandingRecord[] = [];
      const slices: JournalQueries[] = [];
      for (const parts of RANGES) {
        const slice = await split.forSlice({ parts });
        slices.push(slice);
        union.push(...slice.standing());
        for (const s of slice.standing()) expect(partOf(s.where.user_id)).toBeGreaterThanOrEqual(parts.lo);
      }
      expect(union.sort(byId)).toEqual([...standing].sort(byId));

      for (const s of standing) {
        const mine = slices[Math.floor(partOf(s.where.user_id) / 32)]!;
        expect(mine.locate(s.approval_id)).toEqual(whole.locate(s.approval_id));
        expect(mine.confirmed(s.hash)).toEqual(whole.confirmed(s.hash));
        // Undone once and written again: the next import's id is -r1, in the slice as in the whole.
        expect(mine.withdrawnTimes(s.hash)).toBe(whole.withdrawnTimes(s.hash));
        expect(mine.withdrawnTimes(s.hash)).toBe(1);
      }

      // Another slice knows nothing of these users, unless a status row of its own names the approval.
      const s = standing[0]!;
      const other = RANGES.find((r) => partOf(s.where.user_id) < r.lo || partOf(s.where.user_id) > r.hi)!;
      expect((await split.forSlice({ parts: other })).locate(s.approval_id)).toBeUndefined();
      const naming = await split.forSlice({ parts: other, approvals: new Set([s.approval_id]) });
      expect(naming.locate(s.approval_id)).toEqual(whole.locate(s.approval_id));
      expect(naming.standing().some((x) => x.approval_id === s.approval_id)).toBe(false);

      // Only the run's own users, when its scope is the users of its inputs.
      const users = new Set([s.where.user_id]);
      const own = await split.forSlice({ parts: { lo: 0, hi: PARTS - 1 }, users });
      expect(new Set(own.standing().map((x) => x.where.user_id))).toEqual(users);

      split.dispose();
      expect(journalDirs(tmp)).toBe(0);
    });
  });
});
