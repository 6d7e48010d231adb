import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { approval, type Client, leave, open, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const send = () => client.call(PATHS.approvals, approval({ leaves: [leave()] }));

describe('fault injection', () => {
  it('reset before the write: the connection drops and nothing is written', async () => {
    ({ sb, client } = await open());
    sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'reset' });
    await expect(send()).rejects.toThrow();
    expect(sb.records()).toHaveLength(0);
    expect((await send()).body.code).toBe(0);
    expect(sb.stats().user_approvals.faultsHit).toBe(1);
  });

  it('reset after the write: the client sees an error although the record exists', async () => {
    ({ sb, client } = await open({ dialect: 'classic' })); // a retry answered with the record: classic's repeatedId
    sb.inject({ endpoint: 'user_approvals', when: 'after', action: 'reset' });
    await expect(send()).rejects.toThrow();
    expect(sb.records()).toHaveLength(1);
    // The retry with the same idempotent_id finds the record instead of writing a second one.
    const retry = await send();
    expect(retry.body.data.user_approval.leaves[0].approval_id).toBe(sb.records()[0]?.approval_id);
    expect(sb.duplicates()).toEqual([]);
  });

  it('a remedy written behind a 500 is written again by a blind retry (why remedies need a read-back)', async () => {
    ({ sb, client } = await open());
    sb.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'status500' });
    const a = await client.call(PATHS.remedies, remedy());
    expect(a.status).toBe(500);
    expect(a.body.msg).toBe('Internal Server Error');
    await client.call(PATHS.remedies, remedy());
    expect(sb.duplicates()).toHaveLength(1);
  });

  it('code1225000, ratelimit and times', async () => {
    ({ sb, client } = await open({ dialect: 'classic' })); // 429 with the reset header
    sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'code1225000', times: 2 });
    sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'ratelimit' });
    const answers = [await send(), await send(), await send(), await send()];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [500, 1225000],
      [500, 1225000],
      [429, 99991400],
      [200, 0],
    ]);
    expect(answers[2]?.headers.get('x-ogw-ratelimit-reset')).toBe('1');
    expect(sb.stats().user_approvals).toMatchObject({ faultsHit: 3, rateLimited: 0 });
  });

  it('hang never answers: the client times out, and close() still ends', async () => {
    ({ sb, client } = await open());
    sb.inject({ endpoint: 'user_approvals', when: 'after', action: 'hang' });
    const res = fetch(`${sb.url}${PATHS.approvals}`, {
      method: 'POST',
      body: JSON.stringify(approval({ leaves: [leave()] })),
      headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json; charset=utf-8' },
      signal: AbortSignal.timeout(300),
    });
    await expect(res).rejects.toThrow();
    expect(sb.records()).toHaveLength(1);
  });

  it('probability 1 hits every matching request until cleared; "*" matches the token endpoint too', async () => {
    ({ sb, client } = await open());
    sb.inject({ endpoint: '*', when: 'before', action: 'code1225000', probability: 1 });
    expect((await send()).status).toBe(500);
    expect((await send()).status).toBe(500);
    const token = await client.raw(PATHS.token, { body: JSON.stringify({ app_id: sb.appId, app_secret: sb.appSecret }), headers: { 'Content-Type': 'application/json' } });
    expect(token.body.code).toBe(1225000);
    sb.clearFaults();
    await client.login();
    expect((await send()).status).toBe(200);
  });

  it('faults are checked only for requests that passed auth', async () => {
    ({ sb, client } = await open());
    sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'reset' });
    sb.expireTokens();
    expect((await send()).body.code).toBe(99991663);
    await client.login();
    await expect(send()).rejects.toThrow();
  });

  it('latency delays answers', async () => {
    ({ sb, client } = await open({ latencyMs: { min: 60, max: 80 } }));
    const started = performance.now();
    expect((await send()).body.code).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
