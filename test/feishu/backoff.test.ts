// Faults must cost about the requests they add, not idle time: a call waiting to retry holds no slot, a retry goes
// ahead of first attempts, and a scattered failure is resent at once while failures spread over an endpoint, or
// repeated on one call, back off exponentially. Delays are asserted as the configured bounds, never as wall time.
import { afterEach, describe, expect, test } from 'vitest';
import { Limiters } from '../../src/feishu/index.js';
import { retryDelayMs } from '../../src/feishu/backoff.js';
import { fakeFeishu, leaveRequest, makeClient, sendJson } from './helpers.js';
import type { FakeServer, TestClient } from './helpers.js';

let fake: FakeServer | undefined;
let tc: TestClient | undefined;
afterEach(async () => {
  await tc?.client.close();
  await fake?.close();
  fake = tc = undefined;
});

const noop = async (): Promise<void> => {};
const ok = { code: 0, msg: 'success', data: {} };
const idOf = (body: string): string => (JSON.parse(body) as { user_approval: { leaves: Array<{ idempotent_id: string }> } }).user_approval.leaves[0]!.idempotent_id;
/** Backoff with its ceilings as the delays (random = 1), so each delay says which rule chose it. */
const exact = { baseMs: 40, capMs: 1000, quickMs: 4, random: () => 1 };

function retryDelays(t: TestClient): number[] {
  return t.events.flatMap((e) => (e.type === 'retry' ? [e.delayMs] : []));
}

describe('a call waiting to retry', () => {
  test('holds no in-flight slot: with one slot, another call is sent and answered during its backoff', async () => {
    const first = leaveRequest();
    const firstId = idOf(JSON.stringify(first.body));
    const arrivals: string[] = [];
    fake = await fakeFeishu((_req, body, res) => {
      const id = idOf(body);
      arrivals.push(id);
      if (id === firstId) sendJson(res, 500, { code: 1225000, msg: 'internal server error' });
      else sendJson(res, 200, ok);
    });
    // A 10 s backoff: the other call is done long before it ends, and the test stops the waiting call then.
    tc = makeClient(fake, { limiter: { maxConcurrent: 1 }, backoff: { baseMs: 10_000, capMs: 10_000, quickMs: 10_000, random: () => 1 } });
    const stop = new AbortController();
    const waiting = tc.client.call({ ...first, signal: stop.signal });
    const other = await tc.client.call(leaveRequest());
    expect(other).toMatchObject({ ok: true, attempts: 1 });
    expect(retryDelays(tc)).toEqual([10_000]);
    expect(arrivals).toHaveLength(2);
    stop.abort();
    expect(await waiting).toMatchObject({ ok: false, aborted: true, attempts: 1 });
  });

  test('goes back ahead of first attempts already waiting for the window', async () => {
    const limiters = new Limiters({ rate: 20 });
    const ran: string[] = [];
    const job = (name: string) => async () => void ran.push(name);
    const a1 = limiters.schedule('a', noop, job('a1'));
    const rest = [2, 3, 4, 5].map((i) => limiters.schedule('a', noop, job(`a${i}`)));
    await a1;
    // a2…a5 now wait for their starts, 51 ms apart; the retry takes the next free one (or the one after).
    await limiters.schedule('a', noop, job('retry'), { retry: true });
    await Promise.all(rest);
    expect(ran.indexOf('retry')).toBeGreaterThan(0);
    expect(ran.indexOf('retry')).toBeLessThan(ran.indexOf('a3'));
  });
});

describe('how long a retry waits', () => {
  test('a first failure while the window has room is resent almost at once; repeated failures of the call grow', async () => {
    fake = await fakeFeishu((_req, _body, res, n) => (n <= 3 ? sendJson(res, 500, { code: 1225000, msg: 'internal server error' }) : sendJson(res, 200, ok)));
    tc = makeClient(fake, { backoff: exact });
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: true, attempts: 4 });
    // quick ceiling, then base · 2, base · 4
    expect(retryDelays(tc)).toEqual([4, 80, 160]);
  });

  test('failures spread over the endpoint (a 5xx storm) back off even a call failing for the first time', async () => {
    // Every call's first attempt fails, every resend succeeds.
    const seen = new Set<string>();
    fake = await fakeFeishu((_req, body, res) => {
      const first = !seen.has(idOf(body));
      seen.add(idOf(body));
      if (first) sendJson(res, 502, { msg: 'bad gateway' });
      else sendJson(res, 200, ok);
    });
    tc = makeClient(fake, { backoff: exact });
    const results = await Promise.all(Array.from({ length: 6 }, () => tc!.client.call(leaveRequest())));
    expect(results.every((r) => r.ok && r.attempts === 2)).toBe(true);
    const delays = retryDelays(tc);
    expect(delays).toHaveLength(6);
    // From the third failure in a row on, the endpoint is in a storm: the normal first backoff, not the quick one.
    expect(delays.slice(2)).toEqual([40, 40, 40, 40]);
    for (const d of delays) expect([4, 40]).toContain(d);
  });

  test('a first failure while first attempts wait for the window is not rushed (the queue spaces it anyway)', async () => {
    fake = await fakeFeishu((_req, _body, res, n) => (n === 1 ? sendJson(res, 500, { code: 1225000, msg: 'internal server error' }) : sendJson(res, 200, ok)));
    // Two starts per second: when the first answer comes back, the other two calls are still waiting for theirs.
    tc = makeClient(fake, { backoff: exact, limiter: { rate: 2 } });
    const results = await Promise.all([1, 2, 3].map(() => tc!.client.call(leaveRequest())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(retryDelays(tc)).toEqual([40]);
  });
});

describe('retryDelayMs', () => {
  const at = (random: number) => ({ baseMs: 200, capMs: 10_000, quickMs: 50, random: () => random });

  test('calm first failures stay within the quick ceiling; otherwise within base · 2^(n−1), capped', () => {
    expect(retryDelayMs(1, true, at(1))).toBe(50);
    expect(retryDelayMs(1, false, at(1))).toBe(200);
    expect(retryDelayMs(2, true, at(1))).toBe(400);
    expect(retryDelayMs(9, true, at(1))).toBe(10_000);
    expect(retryDelayMs(1, true, at(0))).toBe(0);
  });

  test('the quick ceiling never exceeds the base', () => {
    expect(retryDelayMs(1, true, { baseMs: 5, capMs: 20, quickMs: 50, random: () => 1 })).toBe(5);
  });
});
