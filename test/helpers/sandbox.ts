// A sandbox per test and the options that make apply() talk to it over real HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export function tempDir(prefix = 'fi-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function withSandbox<T>(opts: SandboxOptions, fn: (sb: Sandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox(opts);
  try {
    return await fn(sb);
  } finally {
    await sb.close();
  }
}

/** Options for apply()/verify() against this sandbox: credentials via env, as a user would pass them. */
export function against(sb: Sandbox): { baseUrl: string; env: NodeJS.ProcessEnv } {
  return { baseUrl: sb.url, env: { FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret } };
}

export function cliEnvFor(sb: Sandbox): Record<string, string> {
  return { FEISHU_BASE_URL: sb.url, FEISHU_APP_ID: sb.appId, FEISHU_APP_SECRET: sb.appSecret };
}
