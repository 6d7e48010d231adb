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
}

export interface RunStats {
  requests: Partial<Record<Endpoint, number>>;
  rateLimitWaits: number;
  retries: number;
}

export async function connect(opts: ConnectOptions, stats: RunStats, events: { onRateLimited?(e: string): void; onRetry?(e: string): void } = {}): Promise<Connection> {
  let sandbox: Sandbox | undefined;
  let config;
  if (opts.sandbox) {
    // A little latency so the sandbox run looks like the real thing (and exercises concurrency), nothing more.
    sandbox = await startSandbox({ latencyMs: { min: 20, max: 60 } });
    config = { origin: sandbox.url, pathPrefix: '', appId: sandbox.appId, appSecret: new Secret(sandbox.appSecret) };
  } else {
    config = resolveClientConfig({ ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}), env: opts.env ?? process.env });
  }
  const onEvent = (e: FeishuEvent) => {
    if (e.type === 'request') stats.requests[e.endpoint as Endpoint] = (stats.requests[e.endpoint as Endpoint] ?? 0) + 1;
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
