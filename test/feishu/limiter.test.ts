import { afterEach, describe, expect, test } from 'vitest';
import { Limiters } from '../../src/feishu/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { count, leaveRequest, makeClient, remedyRequest } from './helpers.js';
import type { TestClient } from './helpers.js';

let sandbox: Sandbox | undefined;
let tc: TestClient | undefined;
afterEach(async () => {
  await tc?.client.close();
  await sandbox?.close();
  sandbox = tc = undefined;
});

const noop = async (): Promise<void> => {};

describe('per-endpoint limiter against a server enforcing 50/s', () => {
  test('200 calls fired at once: no rate-limit rejection and never more than 50 in any one-second window', async () => {
    sandbox = await startSandbox({ ratePerSecond: 50, latencyMs: { min: 5, max: 40 } });
    tc = makeClient(sandbox);
    const results = await Promise.all(Array.from({ length: 200 }, () => tc!.client.call(leaveRequest())));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const stats = sandbox.stats().user_approvals;
    expect(stats.rateLimited).toBe(0);
    expect(stats.requests).toBe(200);
    expect(stats.maxInAnyWindow).toBeLessThanOrEqual(50);
    expect(count(tc.events, 'rateLimited')).toBe(0);
  });

  test('two endpoints run side by side, each within its own limit', async () => {
    sandbox = await startSandbox({ ratePerSecond: 50 });
    tc = makeClient(sandbox);
    const approvals = Array.from({ length: 100 }, () => tc!.client.call(leaveRequest()));
    const remedies = Array.from({ length: 60 }, () => tc!.client.call(remedyRequest()));
    const results = await Promise.all([...approvals, ...remedies]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const stats = sandbox.stats();
    for (const e of ['user_approvals', 'user_task_remedys'] as const) {
      expect(stats[e].rateLimited).toBe(0);
      expect(stats[e].maxInAnyWindow).toBeLessThanOrEqual(50);
    }
    // Remedies did not queue behind the approvals: the first remedy went out before the last approval.
    const order = tc.events.filter((e) => e.type === 'request').map((e) => e.endpoint);
    expect(order.indexOf('user_task_remedys')).toBeLessThan(order.lastIndexOf('user_approvals'));
  });
});

describe('Limiters', () => {
  test('a full window on one endpoint does not hold up another', async () => {
    const limiters = new Limiters({ rate: 3 });
    const ran: string[] = [];
    const job = (name: string) => async () => {
      ran.push(name);
    };
    const a = [1, 2, 3, 4].map((i) => limiters.schedule('a', noop, job(`a${i}`)));
    const b = limiters.schedule('b', noop, job('b1'));
    await Promise.all([...a, b]);
    expect(ran.indexOf('b1')).toBeLessThan(ran.indexOf('a4'));
  });

  test('after a rate-limit answer the endpoint pauses new starts; other endpoints go on', async () => {
    const limiters = new Limiters({ rate: 50 });
    const ran: string[] = [];
    limiters.rateLimited('a', 300);
    const a = limiters.schedule('a', noop, async () => void ran.push('a'));
    const b = limiters.schedule('b', noop, async () => void ran.push('b'));
    await Promise.all([a, b]);
    expect(ran).toEqual(['b', 'a']);
  });

  test('a failed preparation (no token) spends no start of the window', async () => {
    const limiters = new Limiters({ rate: 1 });
    const ran: string[] = [];
    const failing = limiters.schedule('a', () => Promise.reject(new Error('no token')), async () => void ran.push('never'));
    await expect(failing).rejects.toThrow('no token');
    // With rate 1, had the failure taken the slot, 'a' would wait a second behind it while 'b' went first.
    const a = limiters.schedule('a', noop, async () => void ran.push('a'));
    const b = new Promise<void>((resolve) => setTimeout(resolve, 200)).then(() => limiters.schedule('b', noop, async () => void ran.push('b')));
    await Promise.all([a, b]);
    expect(ran).toEqual(['a', 'b']);
  });
});
