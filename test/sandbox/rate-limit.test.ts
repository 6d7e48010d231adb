import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { SlidingWindow } from '../../src/sandbox/rate-limit.js';
import { approval, type Client, leave, open, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/** A clock the test moves by hand, so "at once" holds on a loaded machine. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('sliding window', () => {
  it('accepts at most the limit in any 1-second window and tells when a slot frees', () => {
    const w = new SlidingWindow(3);
    expect([0, 100, 200].map((t) => w.arrive(t))).toEqual([0, 0, 0]);
    expect(w.arrive(999)).toBe(1); // refused: still 3 in (−1, 999]
    expect(w.arrive(1000)).toBe(0); // the arrival at 0 has left the window
    expect(w.arrive(1050)).toBe(1);
    expect(w.arrive(1100)).toBe(0);
    expect(w.maxInAnyWindow).toBe(3);
  });

  it('counts the peak when the limiter is off', () => {
    const w = new SlidingWindow(0);
    for (let t = 0; t < 10; t++) expect(w.arrive(t * 200)).toBe(0);
    expect(w.maxInAnyWindow).toBe(5);
  });
});

describe('per-endpoint rate limit over HTTP', () => {
  it('accepts exactly 50 of 120 simultaneous requests; the rest get 99991400 with the ratelimit headers', async () => {
    const clock = manualClock();
    ({ sb, client } = await open({ clock: clock.now, dialect: 'classic' })); // 429 with the reset header
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, i) => client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: `l${i}`, reason: `r${i}` })] }))),
    );
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(ok).toHaveLength(50);
    expect(limited).toHaveLength(70);
    for (const a of limited) {
      expect(a.body).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
      expect(a.headers.get('x-ogw-ratelimit-limit')).toBe('50');
      expect(a.headers.get('x-ogw-ratelimit-reset')).toBe('1');
      expect(a.headers.get('x-tt-logid')).toBeTruthy();
    }
    expect(sb.records()).toHaveLength(50);
    // Another endpoint has its own window.
    expect((await client.call(PATHS.remedies, remedy())).status).toBe(200);
    const stats = sb.stats();
    expect(stats.user_approvals).toMatchObject({ requests: 120, accepted: 50, rateLimited: 70, maxInAnyWindow: 50 });
    expect(stats.user_task_remedys).toMatchObject({ requests: 1, accepted: 1, rateLimited: 0, maxInAnyWindow: 1 });
    // Once the second has passed, the endpoint accepts again.
    clock.advance(1000);
    expect((await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'late' })] }))).status).toBe(200);
  });

  it('answers HTTP 400 when configured like the older APIs', async () => {
    const clock = manualClock();
    ({ sb, client } = await open({ ratePerSecond: 2, rateLimitStatus: 400, clock: clock.now }));
    const answers = await Promise.all([1, 2, 3].map(() => client.call(PATHS.remedies, remedy())));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 400]);
    expect(answers.find((a) => a.status === 400)?.body.code).toBe(99991400);
  });

  it('ratePerSecond 0 disables the limiter', async () => {
    ({ sb, client } = await open({ ratePerSecond: 0, clock: manualClock().now }));
    const many = await Promise.all(Array.from({ length: 80 }, () => client.call(PATHS.remedies, remedy())));
    expect(many.every((a) => a.status === 200)).toBe(true);
    expect(sb.stats().user_task_remedys.maxInAnyWindow).toBe(80);
  });
});
