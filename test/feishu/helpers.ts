// Shared by the client tests: a client wired to a sandbox (or any local server), valid request bodies, and an
// event log. Backoff is shrunk so retries cost milliseconds, not seconds; nothing is asserted about timing.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FeishuClient, Limiters, resolveClientConfig } from '../../src/feishu/index.js';
import type { CallRequest, ClientOptions, FeishuEvent, LimiterOptions } from '../../src/feishu/index.js';

export interface TestClient {
  client: FeishuClient;
  events: FeishuEvent[];
}

export function makeClient(
  server: { url: string; appId?: string; appSecret?: string },
  options: Partial<Omit<ClientOptions, 'config' | 'limiters'>> & { limiter?: LimiterOptions } = {},
): TestClient {
  const events: FeishuEvent[] = [];
  const config = resolveClientConfig({
    env: { FEISHU_BASE_URL: server.url, FEISHU_APP_ID: server.appId ?? 'cli_sandbox', FEISHU_APP_SECRET: server.appSecret ?? 'sandbox-secret' },
  });
  const { limiter, ...rest } = options;
  const client = new FeishuClient({
    config,
    limiters: new Limiters(limiter),
    backoff: { baseMs: 5, capMs: 20 },
    onEvent: (e) => events.push(e),
    ...rest,
  });
  return { client, events };
}

let counter = 0;

/** A valid one-leave user_approvals request with a fresh idempotent_id. */
export function leaveRequest(user = 'u1', retryAmbiguous = true): CallRequest {
  const n = ++counter;
  return {
    endpoint: 'user_approvals',
    method: 'POST',
    path: '/open-apis/attendance/v1/user_approvals',
    query: { employee_type: 'employee_id' },
    body: {
      user_approval: {
        user_id: user,
        date: '20240105',
        leaves: [
          {
            uniq_id: 'annual',
            unit: 1,
            interval: 28800,
            start_time: '2024-01-05 09:00:00',
            end_time: '2024-01-05 18:00:00',
            i18n_names: { ch: '年假', en: 'Annual leave' },
            default_locale: 'ch',
            reason: `test ${n}`,
            idempotent_id: `leave-${process.pid}-${n}`,
          },
        ],
      },
    },
    retryAmbiguous,
  };
}

/** A valid remedy request (no idempotency key, so never retried when ambiguous). */
export function remedyRequest(user = 'u1'): CallRequest {
  const n = ++counter;
  return {
    endpoint: 'user_task_remedys',
    method: 'POST',
    path: '/open-apis/attendance/v1/user_task_remedys',
    query: { employee_type: 'employee_id' },
    body: { user_id: user, remedy_date: 20240105, punch_no: 0, work_type: 1, remedy_time: '2024-01-05 09:00', reason: `forgot ${n}` },
    retryAmbiguous: false,
  };
}

export function count(events: FeishuEvent[], type: FeishuEvent['type'], endpoint?: string): number {
  return events.filter((e) => e.type === type && (endpoint === undefined || e.endpoint === endpoint)).length;
}

export interface FakeServer {
  url: string;
  port: number;
  tokenRequests: number;
  apiRequests: number;
  close(): Promise<void>;
  /** Listens again on the same port (after close()). */
  reopen(): Promise<void>;
}

export const FAKE_TOKEN = 'fake-tenant-token-0123456789';

/**
 * A minimal Feishu stand-in for edge cases the sandbox does not model: the token endpoint answers with FAKE_TOKEN
 * (unless `token` says otherwise), everything else goes to `api`, which writes the answer.
 */
export async function fakeFeishu(
  api: (req: IncomingMessage, body: string, res: ServerResponse, n: number) => void,
  token: (body: string, res: ServerResponse) => void = (_body, res) =>
    sendJson(res, 200, { code: 0, msg: 'ok', tenant_access_token: FAKE_TOKEN, expire: 7200 }),
): Promise<FakeServer> {
  const fake = { url: '', port: 0, tokenRequests: 0, apiRequests: 0 } as FakeServer;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/open-apis/auth/')) {
        fake.tokenRequests++;
        token(body, res);
      } else {
        api(req, body, res, ++fake.apiRequests);
      }
    });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  fake.reopen = () => listen(fake.port);
  return fake;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-tt-logid': 'fake-log-id', ...headers });
  res.end(JSON.stringify(body));
}
