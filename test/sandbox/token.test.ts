import { afterEach, describe, expect, it } from 'vitest';
import { serveSandbox, startSandbox, type Sandbox, type SandboxInfo } from '../../src/sandbox/index.js';
import { approval, Client, leave, open, PATHS } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const json = { 'Content-Type': 'application/json; charset=utf-8' };

describe('tenant_access_token', () => {
  it('issues a token for the right credentials and refuses wrong ones with 10014', async () => {
    sb = await startSandbox({ appId: 'cli_a', appSecret: 's3cret' });
    const c = new Client(sb);
    const ok = await c.raw(PATHS.token, { body: JSON.stringify({ app_id: 'cli_a', app_secret: 's3cret' }), headers: json });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 0, expire: 7200 });
    expect(String(ok.body.tenant_access_token)).toMatch(/^t-/);
    const bad = await c.raw(PATHS.token, { body: JSON.stringify({ app_id: 'cli_a', app_secret: 'nope' }), headers: json });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: 10014, msg: 'app secret invalid' });
    const missing = await c.raw(PATHS.token, { body: JSON.stringify({ app_id: 'cli_a' }), headers: json });
    expect(missing.body.code).toBe(10003);
  });

  it('returns the same token while 30 minutes or more remain, and counts requests', async () => {
    ({ sb } = await open({ dialect: 'classic' })); // token 'reuse'
    const c = new Client(sb);
    const first = await c.login();
    const second = await c.login();
    expect(second).toBe(first);
    const stats = sb.stats().token;
    expect(stats.tokenRequests).toBe(3); // open() logged in once too
    expect(stats.tokensIssued).toBe(1);
  });

  it('mints a new token when less than 30 minutes remain, and the old one stays valid', async () => {
    let client: Client;
    ({ sb, client } = await open({ tokenTtlSeconds: 1800 }));
    const first = client.token;
    const second = await client.login();
    expect(second).not.toBe(first);
    client.token = first;
    expect((await client.call(PATHS.approvals, approval({ leaves: [leave()] }))).body.code).toBe(0);
    expect(sb.stats().token.tokensIssued).toBe(2);
  });

  it('rejects missing, unknown and expired tokens', async () => {
    let client: Client;
    let now = 1_000_000;
    ({ sb, client } = await open({ tokenTtlSeconds: 60, clock: () => now }));
    const body = JSON.stringify(approval({ leaves: [leave()] }));
    const none = await client.raw(PATHS.approvals, { body, headers: json });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe(99991671);
    const unknown = await client.raw(PATHS.approvals, { body, headers: { ...json, Authorization: 'Bearer t-unknown' } });
    expect(unknown.body.code).toBe(99991663);
    now += 59_000;
    expect((await client.call(PATHS.approvals, approval({ leaves: [leave()] }))).body.code).toBe(0);
    now += 1_000;
    const expired = await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
    expect(expired.body.code).toBe(99991663);
    expect(sb.records()).toHaveLength(1);
  });

  it('expireTokens() invalidates every issued token', async () => {
    let client: Client;
    ({ sb, client } = await open());
    sb.expireTokens();
    expect((await client.call(PATHS.approvals, approval({ leaves: [leave()] }))).body.code).toBe(99991663);
    await client.login();
    expect((await client.call(PATHS.approvals, approval({ leaves: [leave()] }))).body.code).toBe(0);
  });
});

describe('transport rules', () => {
  it('puts a unique X-Tt-Logid on every answer, errors included', async () => {
    let client: Client;
    ({ sb, client } = await open());
    const answers = await Promise.all([
      client.call(PATHS.approvals, approval({ leaves: [leave()] })),
      client.call(PATHS.approvals, {}),
      client.raw('/open-apis/nowhere', { body: '{}' }),
    ]);
    const ids = answers.map((a) => a.headers.get('x-tt-logid'));
    expect(ids.every((id) => typeof id === 'string' && id.length > 10)).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(answers[2]?.status).toBe(404);
  });

  it('requires a JSON content type and a JSON body', async () => {
    let client: Client;
    ({ sb, client } = await open());
    const auth = { Authorization: `Bearer ${client.token}` };
    const body = JSON.stringify(approval({ leaves: [leave()] }));
    const text = await client.raw(PATHS.approvals, { body, headers: { ...auth, 'Content-Type': 'text/plain' } });
    expect(text.body.code).toBe(1220001);
    expect(text.body.msg).toMatch(/Content-Type/);
    const latin = await client.raw(PATHS.approvals, { body, headers: { ...auth, 'Content-Type': 'application/json; charset=latin1' } });
    expect(latin.body.code).toBe(1220001);
    const bare = await client.raw(PATHS.approvals, { body, headers: { ...auth, 'Content-Type': 'application/json' } });
    expect(bare.body.code).toBe(0);
    const broken = await client.raw(PATHS.approvals, { body: '{"user_approval":', headers: { ...auth, ...json } });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe(1220001);
  });

  it('serveSandbox reports where it listens and the credentials to use', async () => {
    let info: SandboxInfo | undefined;
    sb = await serveSandbox({ onListening: (i) => (info = i) });
    expect(info?.url).toBe(sb.url);
    expect(info?.env).toEqual({ FEISHU_BASE_URL: sb.url, FEISHU_APP_ID: 'cli_sandbox', FEISHU_APP_SECRET: 'sandbox-secret' });
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
