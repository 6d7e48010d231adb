// The answers a dialect chooses outside the write endpoints: the rate limit, the remedy query's window, the token.
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialect, Sandbox } from '../../src/sandbox/index.js';
import { type Client, open, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('rateLimit', () => {
  it.each<[Dialect['rateLimit']]>([
    [{ status: 429, resetHeader: true }],
    [{ status: 429, resetHeader: false }],
    [{ status: 400, resetHeader: true }],
    [{ status: 400, resetHeader: false }],
  ])('%o: that status, body 99991400, the limit header always and the reset header as chosen', async (rateLimit) => {
    const now = 1_000_000; // a clock that does not move: both requests fall in the same second
    ({ sb, client } = await open({ dialect: { rateLimit }, ratePerSecond: 1, clock: () => now }));
    expect((await client.call(PATHS.remedies, remedy())).status).toBe(200);
    const limited = await client.call(PATHS.remedies, remedy());
    expect(limited.status).toBe(rateLimit.status);
    expect(limited.body).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(limited.headers.get('x-ogw-ratelimit-limit')).toBe('1');
    expect(limited.headers.get('x-ogw-ratelimit-reset')).toBe(rateLimit.resetHeader ? '1' : null);
    // An injected rate-limit fault answers the same way.
    sb.inject({ endpoint: 'user_task_remedys_query', when: 'before', action: 'ratelimit' });
    const fault = await client.call(PATHS.remedysQuery, { user_ids: ['u1'], check_time_from: '0', check_time_to: '1' });
    expect([fault.status, fault.body.code, fault.headers.has('x-ogw-ratelimit-reset')]).toEqual([rateLimit.status, 99991400, rateLimit.resetHeader]);
  });
});

describe('remedyQueryMaxDays', () => {
  const from = 1_709_222_400; // 2024-03-01 00:00 in UTC+8
  const DAY = 86_400;
  const ask = (seconds: number) => client.call(PATHS.remedysQuery, { user_ids: ['u1'], check_time_from: String(from), check_time_to: String(from + seconds) });

  it('30: a window of 30 days is answered, a longer one refused with 1220001', async () => {
    ({ sb, client } = await open({ dialect: { remedyQueryMaxDays: 30 } }));
    expect((await ask(30 * DAY)).body).toMatchObject({ code: 0, data: { user_remedys: [] } });
    const long = await ask(31 * DAY);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('30 days') });
    expect((await ask(30 * DAY + 1)).body.code).toBe(1220001);
  });

  it('undefined: any window is answered', async () => {
    ({ sb, client } = await open({ dialect: { remedyQueryMaxDays: undefined } }));
    expect((await ask(31 * DAY)).body.code).toBe(0);
    expect((await ask(400 * DAY)).body.code).toBe(0);
  });
});

describe('token', () => {
  it("'reuse': the same token while 30 minutes or more remain", async () => {
    ({ sb, client } = await open({ dialect: { token: 'reuse' } }));
    const first = client.token;
    expect(await client.login()).toBe(first);
    expect(sb.stats().token).toMatchObject({ tokenRequests: 2, tokensIssued: 1 });
  });

  it("'fresh': a new token on every request, the older ones still valid until their own expiry", async () => {
    let now = 1_000_000;
    ({ sb, client } = await open({ dialect: { token: 'fresh' }, tokenTtlSeconds: 7200, clock: () => now }));
    const first = client.token;
    now += 60_000;
    const second = await client.login();
    expect(second).not.toBe(first);
    expect(sb.stats().token).toMatchObject({ tokenRequests: 2, tokensIssued: 2 });
    const query = { user_ids: ['u1'], check_time_from: '0', check_time_to: '1' };
    client.token = first;
    expect((await client.call(PATHS.remedysQuery, query)).body.code).toBe(0);
    now += 7_140_000; // the first token's 7200 s are over, the second's are not
    expect((await client.call(PATHS.remedysQuery, query)).body.code).toBe(99991663);
    client.token = second;
    expect((await client.call(PATHS.remedysQuery, query)).body.code).toBe(0);
  });
});
