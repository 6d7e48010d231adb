import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { FAKE_TOKEN, fakeFeishu, leaveRequest, makeClient, remedyRequest, sendJson } from './helpers.js';
import type { FakeServer, TestClient } from './helpers.js';

const SECRET = 'app-secret-9c2e77d1b0';
/** The shape of the sandbox's tokens. */
const SANDBOX_TOKEN = /t-[0-9a-f]{40}/;

let sandbox: Sandbox | undefined;
let fake: FakeServer | undefined;
let tc: TestClient | undefined;
afterEach(async () => {
  await tc?.client.close();
  await sandbox?.close();
  await fake?.close();
  sandbox = fake = tc = undefined;
});

describe('the app secret and tokens never leave the client', () => {
  test('not in results or events of a run through faults, rate limits and token expiry', async () => {
    sandbox = await startSandbox({ appSecret: SECRET, ratePerSecond: 0, rateLimitStatus: 400, users: ['u1'] });
    tc = makeClient({ url: sandbox.url, appSecret: SECRET }, { timeoutMs: 300 });
    sandbox.inject({ endpoint: 'user_approvals', when: 'after', action: 'reset', times: 1 });
    sandbox.inject({ endpoint: 'user_approvals', when: 'before', action: 'ratelimit', times: 1 });
    sandbox.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'hang', times: 1 });
    const first = await Promise.all([tc.client.call(leaveRequest()), tc.client.call(remedyRequest()), tc.client.call(leaveRequest('ghost'))]);
    sandbox.expireTokens();
    const second = await Promise.all([tc.client.call(leaveRequest()), tc.client.call(remedyRequest())]);
    const everything = [JSON.stringify([first, second, tc.events]), inspect([first, second, tc.events], { depth: 10 }), inspect(tc.client, { depth: 10 })].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toMatch(SANDBOX_TOKEN);
    expect(tc.events.some((e) => e.type === 'tokenFetched')).toBe(true);
  });

  test('a server that echoes the token or the secret in its message has them redacted', async () => {
    fake = await fakeFeishu((req, _body, res) => {
      sendJson(res, 400, { code: 1220001, msg: `bad request with ${req.headers.authorization} for ${SECRET}` });
    });
    tc = makeClient({ url: fake.url, appSecret: SECRET });
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: false, kind: 'business', code: 1220001 });
    const text = JSON.stringify(res);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(FAKE_TOKEN);
    expect(text).toContain('[redacted]');
  });

  test('a token endpoint that echoes the secret in its refusal has it redacted', async () => {
    fake = await fakeFeishu(
      (_req, _body, res) => sendJson(res, 200, { code: 0, msg: 'success', data: {} }),
      (body, res) => sendJson(res, 400, { code: 10014, msg: `app secret invalid: ${body}` }),
    );
    tc = makeClient({ url: fake.url, appSecret: SECRET });
    const res = await tc.client.call(leaveRequest());
    expect(res).toMatchObject({ ok: false, kind: 'auth', code: 10014 });
    expect(JSON.stringify([res, tc.events])).not.toContain(SECRET);
    expect(fake.apiRequests).toBe(0);
  });
});
