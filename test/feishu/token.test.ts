import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { count, fakeFeishu, leaveRequest, makeClient, sendJson } from './helpers.js';
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

describe('tenant_access_token', () => {
  test('200 concurrent calls share one token fetch', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    tc = makeClient(sandbox, { limiter: { rate: 10_000 } });
    const results = await Promise.all(Array.from({ length: 200 }, () => tc!.client.call(leaveRequest())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sandbox.stats().token.requests).toBe(1);
    expect(count(tc.events, 'tokenFetched')).toBe(1);
    expect(sandbox.records()).toHaveLength(200);
  });

  test('a token the server no longer accepts is dropped, fetched again once, and the calls succeed', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    tc = makeClient(sandbox);
    expect((await tc.client.call(leaveRequest())).ok).toBe(true);
    sandbox.expireTokens();
    const results = await Promise.all(Array.from({ length: 20 }, () => tc!.client.call(leaveRequest())));
    expect(results.every((r) => r.ok)).toBe(true);
    // One refetch for all twenty, not one each.
    expect(sandbox.stats().token.requests).toBe(2);
    expect(tc.events.some((e) => e.type === 'retry' && e.reason === 'invalidToken')).toBe(true);
    expect(sandbox.records()).toHaveLength(21);
  });

  test('a token is refreshed before it expires, without a rejected request', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0, tokenTtlSeconds: 1 });
    tc = makeClient(sandbox);
    expect((await tc.client.call(leaveRequest())).ok).toBe(true);
    await sleep(1100);
    expect((await tc.client.call(leaveRequest())).ok).toBe(true);
    expect(count(tc.events, 'tokenFetched')).toBe(2);
    expect(count(tc.events, 'retry')).toBe(0);
  });

  test('a token rejected every time ends the call as an auth failure after a bounded number of fresh tokens', async () => {
    fake = await fakeFeishu((_req, _body, res) => sendJson(res, 400, { code: 99991663, msg: 'tenant token invalid' }));
    tc = makeClient(fake);
    const res = await tc.client.call(leaveRequest());
    // The first try and 4 resends, each with a token fetched anew.
    expect(res).toMatchObject({ ok: false, kind: 'auth', code: 99991663, attempts: 5, ambiguous: false });
    if (!res.ok) expect(words(res.explanation)).toMatch(/5 freshly fetched/);
    expect(fake.apiRequests).toBe(5);
    expect(fake.tokenRequests).toBe(5);
  });

  test('tokens revoked while they are fetched (a secret rotated mid-run): the call still goes through', async () => {
    let refusals = 0;
    fake = await fakeFeishu((_req, _body, res) => {
      // The first three tokens are revoked before they are used, as an admin rotating the app secret would cause.
      if (refusals++ < 3) return sendJson(res, 400, { code: 99991663, msg: 'tenant token invalid' });
      sendJson(res, 200, { code: 0, msg: 'success', data: { user_approval: {} } });
    });
    tc = makeClient(fake);
    const res = await tc.client.call(leaveRequest());
    expect(res.ok).toBe(true);
    expect(fake.tokenRequests).toBe(4);
  });

  test('wrong credentials fail every call as auth, asking Feishu only once, and never send the request', async () => {
    sandbox = await startSandbox({ ratePerSecond: 0 });
    tc = makeClient({ url: sandbox.url, appSecret: 'wrong-secret-4f1d' });
    const results = await Promise.all(Array.from({ length: 20 }, () => tc!.client.call(leaveRequest())));
    results.push(await tc.client.call(leaveRequest()));
    for (const r of results) {
      expect(r).toMatchObject({ ok: false, kind: 'auth', code: 10014, attempts: 0, ambiguous: false });
      if (!r.ok) expect(words(r.explanation)).toContain('FEISHU_APP_SECRET');
    }
    expect(sandbox.stats().token.requests).toBe(1);
    expect(sandbox.stats().user_approvals.requests).toBe(0);
    expect(JSON.stringify([results, tc.events])).not.toContain('wrong-secret-4f1d');
  });
});
