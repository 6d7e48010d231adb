// Who apply talks to: Feishu (credentials from the environment) or an embedded sandbox (--sandbox), through one
// client whose per-endpoint limiters every request shares. Counts requests, rate-limit waits and retries.
import { FeishuClient, Limiters, resolveClientConfig } from '../feishu/index.js';
import { Secret } from '../feishu/config.js';
import type { FeishuEvent } from '../feishu/types.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import type { Caller } from '../submit/context.js';
import type { Endpoint } from '../types.js';

export interface Connection {
  client: Caller;
  close(): Promise<void>;
}

export interface ConnectOptions {
  sandbox?: boolean;
  baseUrl?: string;
  rate?: number;
  concurrency?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * With `sandbox`: keep the sandbox's records in this file (loaded at start, saved on close), so that a later
   * command (undo, a re-import) finds what an earlier one wrote. apply and undo pass `<state dir>/sandbox.json`.
   */
  sandboxStore?: string;
}

export interface RunStats {
  requests: Partial<Record<Endpoint, number>>;
  rateLimitWaits: number;
  retries: number;
}

/** Whether a connection can be made without failing on missing credentials: the sandbox, or both set in the environment. */
export const canConnect = (opts: Pick<ConnectOptions, 'sandbox' | 'env'>): boolean => {
  const env = opts.env ?? process.env;
  return !!opts.sandbox || (!!env.FEISHU_APP_ID && !!env.FEISHU_APP_SECRET);
};

export async function connect(opts: ConnectOptions, stats: RunStats, events: { onRateLimited?(e: string): void; onRetry?(e: string): void; onRequest?(e: string): void } = {}): Promise<Connection> {
  let sandbox: Sandbox | undefined;
  let config;
  if (opts.sandbox) {
    // A little latency so the sandbox run looks like the real thing (and exercises concurrency), nothing more.
    // CoreHR tasks are created on first use: a local sandbox cannot know a user's processes, and the demo should work.
    const persist = opts.sandboxStore ? { persistPath: opts.sandboxStore, corehrTasksOnDemand: true } : {};
    sandbox = await startSandbox({ latencyMs: { min: 20, max: 60 }, ...persist });
    config = { origin: sandbox.url, pathPrefix: '', appId: sandbox.appId, appSecret: new Secret(sandbox.appSecret) };
  } else {
    config = resolveClientConfig({ ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), env: opts.env ?? process.env });
  }
  const onEvent = (e: FeishuEvent) => {
    if (e.type === 'request') {
      stats.requests[e.endpoint as Endpoint] = (stats.requests[e.endpoint as Endpoint] ?? 0) + 1;
      events.onRequest?.(e.endpoint);
    }
    if (e.type === 'rateLimited') {
      stats.rateLimitWaits++;
      events.onRateLimited?.(e.endpoint);
    }
    if (e.type === 'retry') {
      stats.retries++;
      events.onRetry?.(e.endpoint);
    }
  };
  const limiters = new Limiters({ ...(opts.rate ? { rate: opts.rate } : {}), ...(opts.concurrency ? { maxConcurrent: opts.concurrency } : {}) });
  const client = new FeishuClient({ config, limiters, onEvent });
  return {
    client,
    async close() {
      await client.close();
      await sandbox?.close();
    },
  };
}
