// The table the overlap check keeps every accepted leave in (src/normalize/leave-table.ts), held to the plain rule
// on random months: a leave is refused exactly when it overlaps an accepted leave of the same person, and the one
// it names is such a leave.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeaveTable } from '../../src/normalize/leave-table.js';

describe('LeaveTable', () => {
  it('accepts a leave exactly when it overlaps no accepted leave of the person, and names one it overlaps', () => {
    const leave = fc.record({ user: fc.constantFrom('u1', 'u2', 'u3', '张三'), start: fc.integer({ min: 0, max: 200 }), length: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.array(leave, { maxLength: 300 }), (leaves) => {
        const table = new LeaveTable();
        const accepted: { user: string; start: number; end: number; ref: number }[] = [];
        leaves.forEach(({ user, start, length }, ref) => {
          const end = start + length;
          const clashes = accepted.filter((a) => a.user === user && a.start < end && start < a.end);
          const slot = table.add(user, start, end, ref);
          if (clashes.length === 0) {
            expect(slot).toBe(-1);
            accepted.push({ user, start, end, ref });
          } else {
            expect(clashes).toContainEqual({ user, start: table.start(slot), end: table.end(slot), ref: table.ref(slot) });
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps each person apart, however many people and leaves, in any order', () => {
    const table = new LeaveTable();
    // 3,000 people (the per-person index grows), each with 40 one-hour leaves added in reverse order (every add
    // shifts, every block moves), then each leave again: all refused, each naming itself.
    for (let h = 39; h >= 0; h--) for (let p = 0; p < 3000; p++) expect(table.add(`E${p}`, h * 10, h * 10 + 1, p * 100 + h)).toBe(-1);
    for (let p = 0; p < 3000; p += 7) {
      for (let h = 0; h < 40; h++) {
        const slot = table.add(`E${p}`, h * 10, h * 10 + 1, -1);
        expect([table.start(slot), table.end(slot), table.ref(slot)]).toEqual([h * 10, h * 10 + 1, p * 100 + h]);
      }
    }
    expect(table.add('E1', 5, 6, 0)).toBe(-1); // between two of E1's leaves
  });
});
