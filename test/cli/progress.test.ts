// The progress lines of a run that goes in slices of users: each slice brings larger totals, and an endpoint that
// has done everything planned so far is not done (✔ in a terminal) while slices remain to be planned.
import { describe, expect, it } from 'vitest';
import { createProgress, Meters } from '../../src/cli/progress.js';

describe('progress meters', () => {
  it('an endpoint is done only once the last slice is planned and its total reached', () => {
    const m = new Meters();
    expect(m.planned({ user_approvals: 10 }, true)).toBe(true);
    m.progress('user_approvals', 10);
    expect(m.finished('user_approvals')).toBe(false);
    expect(m.planned({ user_approvals: 25, user_task_remedys: 3 }, true)).toBe(false);
    m.progress('user_approvals', 25);
    m.progress('user_task_remedys', 3);
    expect(m.finished('user_approvals')).toBe(false);
    // The last slice planned nothing more for user_approvals: both are done now.
    m.planned({ user_approvals: 25, user_task_remedys: 3 }, false);
    expect(m.finished('user_approvals')).toBe(true);
    expect(m.finished('user_task_remedys')).toBe(true);
    expect(m.all.get('user_approvals')).toMatchObject({ done: 25, total: 25 });
  });

  it('a run in one piece: done as soon as its total is reached', () => {
    const m = new Meters();
    m.planned({ approval_infos_process: 2 });
    m.progress('approval_infos_process', 1);
    expect(m.finished('approval_infos_process')).toBe(false);
    m.progress('approval_infos_process', 2);
    expect(m.finished('approval_infos_process')).toBe(true);
  });

  it('plain output ends with one line per endpoint, with the final totals', async () => {
    const lines: string[] = [];
    const p = createProgress('plain', (l) => lines.push(l));
    p.events.onPlanned?.({ user_approvals: 4 }, true);
    p.events.onProgress?.('user_approvals', 4, 4);
    p.events.onPlanned?.({ user_approvals: 9 }, false);
    p.events.onProgress?.('user_approvals', 9, 9);
    await p.finish();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/user_approvals.*9.*9/);
  });
});
