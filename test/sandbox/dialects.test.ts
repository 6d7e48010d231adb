import { afterEach, describe, expect, it } from 'vitest';
import { DIALECT_ENV, DIALECTS, resolveDialect, SANDBOX_DIALECTS, startSandbox, type Dialect, type Sandbox } from '../../src/sandbox/index.js';

let sb: Sandbox | undefined;
const envBefore = process.env[DIALECT_ENV];
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  // The test matrix sets the variable for the whole run: put back what it was.
  if (envBefore === undefined) delete process.env[DIALECT_ENV];
  else process.env[DIALECT_ENV] = envBefore;
});

describe('the named dialects', () => {
  it('are the four of the matrix, classic answering as the sandbox always did', () => {
    expect(SANDBOX_DIALECTS).toEqual(['classic', 'strict', 'terse', 'mixed']);
    expect(Object.keys(DIALECTS).sort()).toEqual([...SANDBOX_DIALECTS].sort());
    expect(DIALECTS.classic).toEqual({
      repeatedId: 'even-revoked',
      refusal: 'status-in-message',
      partialFailure: 'msg',
      rateLimit: { status: 429, resetHeader: true },
      remedyQueryMaxDays: undefined,
      token: 'reuse',
    });
  });

  it('use every alternative of every question at least once', () => {
    const used = (pick: (d: Dialect) => unknown) => new Set(Object.values(DIALECTS).map((d) => JSON.stringify(pick(d))));
    expect(used((d) => d.repeatedId)).toEqual(new Set(['"first-live"', '"error"', '"even-revoked"']));
    expect(used((d) => d.refusal)).toEqual(new Set(['"status-in-message"', '"other-code"', '"no-status"']));
    expect(used((d) => d.partialFailure)).toEqual(new Set(['"msg"', '"data"', '"opaque"']));
    expect(used((d) => d.rateLimit.status)).toEqual(new Set(['429', '400']));
    expect(used((d) => d.rateLimit.resetHeader)).toEqual(new Set(['true', 'false']));
    expect(used((d) => d.remedyQueryMaxDays ?? null)).toEqual(new Set(['null', '30']));
    expect(used((d) => d.token)).toEqual(new Set(['"reuse"', '"fresh"']));
  });
});

describe('resolveDialect', () => {
  it('takes a name, else the env var, else classic', () => {
    delete process.env[DIALECT_ENV];
    expect(resolveDialect()).toEqual({ ...DIALECTS.classic, name: 'classic' });
    process.env[DIALECT_ENV] = 'terse';
    expect(resolveDialect()).toEqual({ ...DIALECTS.terse, name: 'terse' });
    expect(resolveDialect('strict')).toEqual({ ...DIALECTS.strict, name: 'strict' });
    process.env[DIALECT_ENV] = '';
    expect(resolveDialect().name).toBe('classic');
  });

  it('refuses an unknown name, from the argument or the env var, naming the known ones', () => {
    expect(() => resolveDialect('lenient')).toThrow(/lenient.*classic, strict, terse, mixed/);
    process.env[DIALECT_ENV] = 'nope';
    expect(() => resolveDialect()).toThrow(/nope.*classic, strict, terse, mixed/);
  });

  it('lays a partial dialect over the default one and says so in the name', () => {
    process.env[DIALECT_ENV] = 'mixed';
    const d = resolveDialect({ repeatedId: 'error', remedyQueryMaxDays: 10 });
    expect(d).toEqual({ ...DIALECTS.mixed, repeatedId: 'error', remedyQueryMaxDays: 10, name: 'mixed+repeatedId+remedyQueryMaxDays' });
    expect(resolveDialect({}).name).toBe('mixed');
  });

  it('hands out copies: changing one does not change the table', () => {
    const d = resolveDialect('classic');
    d.rateLimit.status = 400;
    expect(DIALECTS.classic.rateLimit.status).toBe(429);
  });
});

describe('startSandbox({ dialect })', () => {
  it('follows the env var when given no dialect, and exposes what it speaks', async () => {
    process.env[DIALECT_ENV] = 'strict';
    sb = await startSandbox();
    expect(sb.dialect).toEqual({ ...DIALECTS.strict, name: 'strict' });
    await sb.close();
    sb = await startSandbox({ dialect: 'terse' });
    expect(sb.dialect.name).toBe('terse');
  });

  it('fails to start with an unknown dialect', async () => {
    process.env[DIALECT_ENV] = 'bogus';
    await expect(startSandbox()).rejects.toThrow(/bogus/);
  });

  it('lets the older options override the dialect, as they meant before dialects', async () => {
    const cases: Array<[Parameters<typeof startSandbox>[0], Dialect['repeatedId']]> = [
      [{ duplicateIdempotentId: 'return-existing' }, 'even-revoked'],
      [{ duplicateIdempotentId: 'return-existing', revokedKeepsIdempotentId: false }, 'first-live'],
      [{ revokedKeepsIdempotentId: false }, 'first-live'],
      [{ revokedKeepsIdempotentId: true }, 'even-revoked'],
      [{ duplicateIdempotentId: 'error' }, 'error'],
    ];
    for (const [opts, repeatedId] of cases) {
      sb = await startSandbox({ dialect: 'strict', ...opts });
      expect(sb.dialect).toMatchObject({ repeatedId, refusal: 'other-code', name: 'strict+repeatedId' });
      await sb.close();
    }
    sb = await startSandbox({ dialect: 'terse', rateLimitStatus: 400 });
    expect(sb.dialect.rateLimit).toEqual({ status: 400, resetHeader: false });
  });
});
