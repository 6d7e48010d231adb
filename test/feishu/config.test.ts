import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { resolveClientConfig } from '../../src/feishu/index.js';

const SECRET = 's3cr3t-value-never-printed';
const creds = { FEISHU_APP_ID: 'cli_a1', FEISHU_APP_SECRET: SECRET };

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('base URL', () => {
  test('defaults to open.feishu.cn; the environment and then the option override it', () => {
    expect(resolveClientConfig({ env: creds }).origin).toBe('https://open.feishu.cn');
    expect(resolveClientConfig({ env: { ...creds, FEISHU_BASE_URL: 'https://open.larksuite.com/' } }).origin).toBe('https://open.larksuite.com');
    const both = resolveClientConfig({ baseUrl: 'http://127.0.0.1:8080', env: { ...creds, FEISHU_BASE_URL: 'https://open.larksuite.com' } });
    expect(both.origin).toBe('http://127.0.0.1:8080');
    expect(both.pathPrefix).toBe('');
  });

  test.each(['http://127.0.0.1:9', 'http://127.8.9.10', 'http://localhost:3000', 'http://[::1]:8080'])('plain http to loopback %s is allowed', (url) => {
    expect(resolveClientConfig({ baseUrl: url, env: creds }).origin).toBe(new URL(url).origin);
  });

  test.each(['http://open.feishu.cn', 'http://10.0.0.5', 'http://128.0.0.1', 'http://localhost.example.com', 'http://[::2]'])(
    'plain http to %s is refused with exit code 2',
    (url) => {
      const e = configError(() => resolveClientConfig({ baseUrl: url, env: creds }));
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain('https://');
    },
  );

  test('a URL that is not http(s) is refused', () => {
    expect(configError(() => resolveClientConfig({ baseUrl: 'ftp://x', env: creds })).exitCode).toBe(2);
    expect(configError(() => resolveClientConfig({ baseUrl: 'not a url', env: creds })).exitCode).toBe(2);
  });
});

describe('credentials', () => {
  test('a missing app id or secret names the variable', () => {
    expect(configError(() => resolveClientConfig({ env: { FEISHU_APP_SECRET: SECRET } })).message).toContain('FEISHU_APP_ID');
    const e = configError(() => resolveClientConfig({ env: { FEISHU_APP_ID: 'cli_a1', FEISHU_APP_SECRET: '  ' } }));
    expect(e.message).toContain('FEISHU_APP_SECRET');
    expect(e.message.split('\n')).toHaveLength(1);
  });

  test('the secret is not visible when the config is printed, serialised or inspected', () => {
    const config = resolveClientConfig({ env: creds });
    expect(config.appSecret.reveal()).toBe(SECRET);
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(inspect(config, { depth: 5 })).not.toContain(SECRET);
    expect(`${String(config.appSecret)} ${config.appSecret}`).not.toContain(SECRET);
  });
});
