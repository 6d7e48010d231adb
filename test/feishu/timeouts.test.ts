// Response timeouts follow the latency observed: a hung request is cut off at a few times the endpoint's p99, not
// after the configured 30 s, and never before the floor. What is asserted is the timeout each attempt was given
// (its `request` event and the failure message), not how long anything took.
import { afterEach, describe, expect, test } from 'vitest';
import { Timeouts } from '../../src/feishu/timeouts.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { leaveRequest, makeClient, remedyRequest } from './helpers.js';
import type { TestClient } from './helpers.js';
import type { FeishuEvent } from '../../src/feishu/index.js';
import { words } from '../helpers/words.js';

let sandbox: Sandbox | undefined;
let tc: TestClient | undefined;
afterEach(async () => {
  await tc?.client.close();
  await sandbox?.close();
  sandbox = tc = undefined;
});

const timeoutsOf = (events: FeishuEvent[], endpoint: string): number[] =>
  events.flatMap((e) => (e.type === 'request' && e.endpoint === endpoint ? [e.timeoutMs] : []));

/** What the client should have derived from the answers in `events`: max(floor, 4 × their p99). */
function expectedTimeout(events: FeishuEvent[], floorMs: number): number {
  const ms = events.flatMap((e) => (e.type === 'response' ? [e.ms] : [])).sort((a, b) => a - b);
  return Math.round(Math.max(floorMs, 4 * ms[Math.ceil(ms.length * 0.99) - 1]!));
}

describe('adaptive timeouts against the sandbox', () => {
  test('once answers are seen, a hung request is cut off at the floor, and its resend waits twice as long', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0, latencyMs: { min: 1, max: 10 } });
    tc = makeClient(sandbox, { timeoutFloorMs: 300 });
    const warm = await Promise.all(Array.from({ length: 25 }, () => tc!.client.call(leaveRequest())));
    expect(warm.every((r) => r.ok)).toBe(true);
    // Before anything was observed, the configured timeout (30 s by default) applied.
    expect(timeoutsOf(tc.events, 'user_approvals')[0]).toBe(30_000);
    const timeoutMs = expectedTimeout(tc.events, 300);

    sandbox.inject({ endpoint: 'user_approvals', when: 'after', action: 'hang', times: 1 });
    tc.events.length = 0;
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: true, attempts: 2 });
    // Answers within ~10 ms put 4 × p99 below the floor (on a quiet machine): the floor, doubled for the resend.
    expect(timeoutsOf(tc.events, 'user_approvals')).toEqual([timeoutMs, 2 * timeoutMs]);
    expect(timeoutMs).toBeGreaterThanOrEqual(300);
    expect(timeoutMs).toBeLessThan(15_000);
    expect(sandbox.records()).toHaveLength(26);
  });

  test('a slower endpoint gets a longer timeout (4 × p99 over the floor), still far below 30 s', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0, latencyMs: 100 });
    tc = makeClient(sandbox, { timeoutFloorMs: 100 });
    await Promise.all(Array.from({ length: 25 }, () => tc!.client.call(remedyRequest())));
    const expected = expectedTimeout(tc.events, 100);
    sandbox.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'hang', times: 1 });
    tc.events.length = 0;
    const res = await tc.client.call(remedyRequest());
    // A remedy is not resent after the write may have happened: one attempt, ambiguous, with its timeout named.
    expect(res).toMatchObject({ ok: false, kind: 'transient', ambiguous: true, attempts: 1 });
    const [timeoutMs] = timeoutsOf(tc.events, 'user_task_remedys');
    expect(timeoutMs).toBe(expected);
    // Every answer took at least the sandbox's 100 ms, so the p99 did too.
    expect(timeoutMs).toBeGreaterThanOrEqual(400);
    expect(timeoutMs).toBeLessThan(30_000);
    expect(res.ok ? '' : words(res.msg)).toMatch(new RegExp(`no answer within ${Math.round(timeoutMs! / 100) / 10} s`));
    // The other endpoint has seen nothing: it starts from the configured timeout.
    expect(timeoutsOf(tc.events, 'user_approvals')).toEqual([]);
  });
});

describe('Timeouts', () => {
  const feed = (t: Timeouts, endpoint: string, ms: number, n: number) => {
    for (let i = 0; i < n; i++) t.observe(endpoint, ms);
  };

  test('the configured timeout until 20 answers are seen, then max(floor, 4 × p99), never above the ceiling', () => {
    const t = new Timeouts(30_000, 5_000);
    feed(t, 'a', 200, 19);
    expect(t.for('a')).toBe(30_000);
    feed(t, 'a', 200, 1);
    expect(t.for('a')).toBe(5_000);
    feed(t, 'b', 3_000, 20);
    expect(t.for('b')).toBe(12_000);
    feed(t, 'c', 20_000, 20);
    expect(t.for('c')).toBe(30_000);
  });

  test('a few slow answers among many are below the p99; more than 1% of them raise it', () => {
    const t = new Timeouts(30_000, 1_000);
    feed(t, 'a', 100, 198);
    feed(t, 'a', 4_000, 2);
    expect(t.for('a')).toBe(1_000);
    feed(t, 'a', 4_000, 1);
    expect(t.for('a')).toBe(16_000);
  });

  test('each timeout of a call doubles its next attempt, up to the ceiling; a floor above the ceiling is the ceiling', () => {
    const t = new Timeouts(30_000, 5_000);
    feed(t, 'a', 10, 50);
    expect([0, 1, 2, 3].map((n) => t.for('a', n))).toEqual([5_000, 10_000, 20_000, 30_000]);
    const low = new Timeouts(300, 5_000);
    feed(low, 'a', 10, 50);
    expect(low.for('a')).toBe(300);
  });
});
