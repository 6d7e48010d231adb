// The embedded Feishu sandbox: a real HTTP server on 127.0.0.1 that answers like the API pages in
// ../shared/feishu-api/ (token, the four write APIs, the two read-back queries), as strictly as they are written,
// with a per-endpoint rate limiter, token expiry, latency and fault injection for tests and benchmarks. Where the
// pages are silent it answers as its dialect says (dialects.ts), so a client is tried against each plausible answer.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TokenStore } from './auth.js';
import { effectiveDialect } from './effective-dialect.js';
import { FaultSet } from './faults.js';
import { loadStore, saveStore } from './persist.js';
import { SlidingWindow } from './rate-limit.js';
import { handleRequest, type Pipeline } from './server.js';
import type { SandboxState } from './state.js';
import { Store } from './store.js';
import { SANDBOX_ENDPOINTS, type EndpointStats, type Sandbox, type SandboxEndpoint, type SandboxOptions } from './types.js';

export type * from './types.js';
export { DIALECT_ENV, DIALECTS, resolveDialect, SANDBOX_DIALECTS, type Dialect, type DialectName } from './dialects.js';

function perEndpoint<T>(make: (e: SandboxEndpoint) => T): Record<SandboxEndpoint, T> {
  return Object.fromEntries(SANDBOX_ENDPOINTS.map((e) => [e, make(e)])) as Record<SandboxEndpoint, T>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const options: SandboxOptions = { ...opts };
  // Resolved first: an unknown dialect name must fail before anything listens or is loaded.
  const dialect = effectiveDialect(opts);
  const store = new Store();
  const loaded = opts.persistPath ? await loadStore(opts.persistPath, store) : undefined;
  const clock = opts.clock ?? (() => performance.timeOrigin + performance.now());
  const state: SandboxState = {
    appId: opts.appId ?? 'cli_sandbox',
    appSecret: opts.appSecret ?? 'sandbox-secret',
    dialect,
    users: opts.users ? new Set(opts.users) : undefined,
    store,
    tokens: new TokenStore(opts.tokenTtlSeconds ?? 7200, clock, dialect.token),
    rejectWhen: opts.rejectWhen,
    rejectRemedyWhen: opts.rejectRemedyWhen,
    options,
    clock,
  };
  const rate = opts.ratePerSecond ?? 50;
  const pipeline: Pipeline = {
    state,
    faults: new FaultSet(),
    limiters: perEndpoint(() => new SlidingWindow(rate)),
    stats: perEndpoint(
      (): EndpointStats => ({ requests: 0, accepted: 0, rateLimited: 0, maxInAnyWindow: 0, firstAcceptedAt: 0, lastAcceptedAt: 0, tokensIssued: 0, tokenRequests: 0, faultsHit: 0 }),
    ),
    hung: new Set<ServerResponse>(),
  };

  const server = createServer((req, res) => {
    handleRequest(pipeline, req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    dialect: { ...dialect, rateLimit: { ...dialect.rateLimit } },
    appId: state.appId,
    appSecret: state.appSecret,
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const res of pipeline.hung) res.socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (opts.persistPath) await saveStore(opts.persistPath, store, loaded);
    },
    inject: (fault) => pipeline.faults.inject(fault),
    clearFaults: () => pipeline.faults.clear(),
    expireTokens: () => state.tokens.expireAll(),
    stats: () => {
      const copy = perEndpoint((e) => ({ ...pipeline.stats[e] }));
      copy.token.tokensIssued = state.tokens.issued;
      copy.token.tokenRequests = state.tokens.granted;
      return copy;
    },
    records: () => store.records.map((r) => structuredClone(r)),
    duplicates: () => store.duplicates().map((g) => g.map((r) => structuredClone(r))),
    seedCorehr: (tasks) => store.seedCorehr(tasks),
    corehrTasks: () => [...store.corehr.values()].map((t) => ({ ...t })),
    rejectWhen: (pred) => {
      state.rejectWhen = pred;
    },
    rejectRemedyWhen: (pred) => {
      state.rejectRemedyWhen = pred;
    },
  };
}

/** What `feishu-import sandbox` tells its user: where the server is and the credentials that work against it. */
export interface SandboxInfo {
  url: string;
  appId: string;
  appSecret: string;
  /** The environment to give `apply` so it talks to this sandbox. */
  env: { FEISHU_BASE_URL: string; FEISHU_APP_ID: string; FEISHU_APP_SECRET: string };
}

/** Starts a sandbox for the `sandbox` command; the caller prints `info` (through the message catalog) as it likes. */
export async function serveSandbox(opts: SandboxOptions & { onListening?: (info: SandboxInfo) => void } = {}): Promise<Sandbox> {
  const { onListening, ...options } = opts;
  const sandbox = await startSandbox(options);
  onListening?.({
    url: sandbox.url,
    appId: sandbox.appId,
    appSecret: sandbox.appSecret,
    env: { FEISHU_BASE_URL: sandbox.url, FEISHU_APP_ID: sandbox.appId, FEISHU_APP_SECRET: sandbox.appSecret },
  });
  return sandbox;
}
