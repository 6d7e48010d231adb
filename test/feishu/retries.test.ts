import { afterEach, describe, expect, test } from 'vitest';
import { parseErrorRecords } from '../../src/feishu/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { count, fakeFeishu, leaveRequest, makeClient, remedyRequest, sendJson } from './helpers.js';
import type { FakeServer, TestClient } from './helpers.js';
import { words } from '../helpers/words.js';

let sandbox: Sandbox | undefined;
let fake: FakeServer | undefined;
let tc: TestClient | undefined;
afterEach(async () => {
  await tc?.client.close();
  await sandbox?.close();
  await fake?.close();
  sandbox = fake = tc = undefined;
});

describe('rate-limit answers are waits, never failures', () => {
  test.each([429, 400] as const)('HTTP %i with code 99991400: waited out and sent again', async (status) => {
    sandbox = await startSandbox({ ratePerSecond: 0, rateLimitStatus: status });
    sandbox.inject({ endpoint: 'user_task_remedys', when: 'before', action: 'ratelimit', times: 1 });
    tc = makeClient(sandbox);
    // A remedy: even a call that may not be resent after an ambiguous failure is resent after a rate limit.
    const res = await tc.client.call(remedyRequest());
    expect(res).toMatchObject({ ok: true, attempts: 2 });
    expect(tc.events).toContainEqual(expect.objectContaining({ type: 'rateLimited', endpoint: 'user_task_remedys', httpStatus: status }));
    expect(count(tc.events, 'retry')).toBe(0);
    expect(sandbox.records()).toHaveLength(1);
  });

  test('rate-limit waits do not use up the retry budget', async () => {
    // Eight refusals with a 10 ms reset, against a budget of two attempts.
    fake = await fakeFeishu((_req, _body, res, n) => {
      if (n <= 8) sendJson(res, 400, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': '0.01' });
      else sendJson(res, 200, { code: 0, msg: 'success', data: { n } });
    });
    tc = makeClient(fake, { maxAttempts: 2 });
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: true, data: { n: 9 }, attempts: 9 });
    expect(count(tc.events, 'rateLimited')).toBe(8);
  });
});

describe('transient failures', () => {
  test('5xx is retried with backoff when a resend is safe, then succeeds once', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    sandbox.inject({ endpoint: 'user_approvals', when: 'after', action: 'status500', times: 2 });
    tc = makeClient(sandbox);
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: true, attempts: 3 });
    expect(res.logId).toBeTruthy();
    expect(count(tc.events, 'retry')).toBe(2);
    // The first attempt did write; the idempotent_id kept the resends from writing again.
    expect(sandbox.records()).toHaveLength(1);
    expect(sandbox.duplicates()).toEqual([]);
  });

  test('gives up after maxAttempts and says whether Feishu may have written', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    sandbox.inject({ endpoint: 'user_approvals', when: 'before', action: 'code1225000', times: 10 });
    tc = makeClient(sandbox, { maxAttempts: 3 });
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: false, kind: 'transient', code: 1225000, attempts: 3, ambiguous: true, httpStatus: 500 });
    expect(res.ok ? '' : words(res.explanation)).toMatch(/retried/);
  });

  test('an error after the request was sent is not retried for a remedy, and is flagged ambiguous', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    sandbox.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'reset', times: 1 });
    tc = makeClient(sandbox);
    const res = await tc.client.call(remedyRequest());
    expect(res).toMatchObject({ ok: false, kind: 'transient', ambiguous: true, attempts: 1 });
    expect(res.ok ? '' : words(res.msg)).toMatch(/may or may not have written/);
    // It had written: this is why the caller must reconcile instead of resending.
    expect(sandbox.records()).toHaveLength(1);
  });

  test('a reset after the write is retried for user_approvals and leaves exactly one record', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    sandbox.inject({ endpoint: 'user_approvals', when: 'after', action: 'reset', times: 1 });
    tc = makeClient(sandbox);
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: true, attempts: 2 });
    expect(sandbox.records()).toHaveLength(1);
  });

  test('a failure before the request was sent (connection refused) is retried even for a remedy', async () => {
    fake = await fakeFeishu((_req, _body, res) => sendJson(res, 200, { code: 0, msg: 'success', data: { ok: 1 } }));
    tc = makeClient(fake, { backoff: { baseMs: 50, capMs: 50 } });
    expect((await tc.client.call(remedyRequest())).ok).toBe(true); // token cached, connection open
    await fake.close();
    const events = tc.events;
    let reopened: Promise<void> | undefined;
    const watcher = setInterval(() => {
      if (!reopened && events.some((e) => e.type === 'retry')) reopened = fake!.reopen();
    }, 1);
    const res = await tc.client.call(remedyRequest());
    clearInterval(watcher);
    expect(res).toMatchObject({ ok: true, data: { ok: 1 } });
    expect(res.attempts).toBeGreaterThan(1);
    const refused = events.find((e) => e.type === 'response' && !e.ok);
    expect(refused).toBeDefined();
  });

  test('a hung request times out; resent when safe, ambiguous when not', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    sandbox.inject({ endpoint: 'user_approvals', when: 'after', action: 'hang', times: 1 });
    sandbox.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'hang', times: 1 });
    tc = makeClient(sandbox, { timeoutMs: 300 });
    const [approval, remedy] = await Promise.all([tc.client.call(leaveRequest()), tc.client.call(remedyRequest())]);
    expect(approval).toMatchObject({ ok: true, attempts: 2 });
    expect(remedy).toMatchObject({ ok: false, kind: 'transient', ambiguous: true, attempts: 1 });
    expect(remedy.ok ? '' : words(remedy.msg)).toMatch(/no answer within 0.3 s/);
    expect(sandbox.records()).toHaveLength(2);
  });
});

describe('business errors', () => {
  test('are not retried and come with the code, the message, the log id and an explanation', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0, users: ['u1'] });
    tc = makeClient(sandbox);
    const res = await tc.client.call(leaveRequest('ghost'));
    expect(res).toMatchObject({ ok: false, kind: 'business', code: 1220004, httpStatus: 400, attempts: 1, ambiguous: false });
    if (res.ok) return;
    expect(words(res.msg)).toContain('ghost');
    expect(res.logId).toBeTruthy();
    expect(words(res.explanation)).toMatch(/does not exist/);
  });

  test('remedy refusals are explained in words', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0, rejectRemedyWhen: () => 1226504 });
    tc = makeClient(sandbox);
    const res = await tc.client.call(remedyRequest());
    expect(res).toMatchObject({ ok: false, kind: 'business', code: 1226504, explanation: { id: 'submit.code.1226504' }, attempts: 1 });
    expect(words(res.ok ? undefined : res.explanation)).toBe('no remedy quota left this period');
  });

  test('1225001 carries the refused records, readable by parseErrorRecords', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0, rejectWhen: () => 'overlaps an existing leave' });
    tc = makeClient(sandbox);
    const req = leaveRequest();
    const res = await tc.client.call(req);
    expect(res).toMatchObject({ ok: false, kind: 'business', code: 1225001, attempts: 1 });
    if (res.ok) return;
    const parsed = parseErrorRecords(String(res.msg), res.data);
    const sent = (req.body as { user_approval: { leaves: Array<{ idempotent_id: string }> } }).user_approval.leaves[0];
    expect(parsed?.leaves).toEqual([expect.objectContaining({ idempotent_id: sent?.idempotent_id, error_msg: 'overlaps an existing leave' })]);
    expect(parsed?.trips).toEqual([]);
  });

  test('a 500 that carries a business code is not retried', async () => {
    fake = await fakeFeishu((_req, _body, res) => sendJson(res, 500, { code: 1227500, msg: '[BatchGetLarkIDByOpenID] not find user larkID' }));
    tc = makeClient(fake);
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: false, kind: 'business', code: 1227500, attempts: 1, logId: 'fake-log-id' });
  });
});

describe('stopping (Ctrl-C)', () => {
  test('calls still queued when the signal fires are not sent; the one in flight completes', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    const stop = new AbortController();
    tc = makeClient(sandbox, {
      limiter: { rate: 1 },
      onEvent: (e) => {
        if (e.type === 'request') stop.abort();
      },
    });
    const results = await Promise.all([1, 2, 3].map(() => tc!.client.call({ ...leaveRequest(), signal: stop.signal })));
    expect(results[0]).toMatchObject({ ok: true, attempts: 1 });
    for (const r of results.slice(1)) expect(r).toMatchObject({ ok: false, kind: 'transient', ambiguous: false, attempts: 0 });
    expect(sandbox.stats().user_approvals.requests).toBe(1);
  });
});
