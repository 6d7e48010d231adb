// One keep-alive connection pool to the Feishu origin. Sends JSON, reads JSON and the X-Tt-Logid header, and never
// throws for an HTTP status or a network failure: the caller classifies the result (see classify.ts).
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';

export interface HttpOptions {
  /**
   * Upper bound on open connections to the origin (default 128). Requests beyond it wait inside undici, out of the
   * limiter's sight, and would go out in a burst when connections free up; 128 covers two endpoints each keeping
   * its 50/s window full at up to ~1.2 s latency (in flight ≈ rate × latency).
   */
  connections?: number;
  /** How long to wait for the response headers, and between body chunks (default 30 s); a request may ask for less. */
  timeoutMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path with query string, e.g. `/open-apis/attendance/v1/user_approvals?employee_type=employee_id`. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** This request's timeout, instead of the pool's. */
  timeoutMs?: number;
}

export type HttpResult =
  | { type: 'response'; status: number; headers: Record<string, string>; json: unknown; text: string; logId?: string }
  | {
      type: 'error';
      /** Whether the whole request had been handed to the socket: if so, the server may have acted on it. */
      sent: boolean;
      timeout: boolean;
      errorCode: string;
      message: string;
      logId?: string;
    };

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export class Http {
  readonly timeoutMs: number;
  readonly #pool: Pool;

  constructor(origin: string, options: HttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#pool = new Pool(origin, {
      connections: options.connections ?? 128,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connectTimeout: Math.min(this.timeoutMs, 10_000),
    });
  }

  send(req: HttpRequest): Promise<HttpResult> {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    return new Promise((resolve) => {
      let sent = false;
      let status = 0;
      let responseHeaders: Record<string, string> = {};
      const chunks: Buffer[] = [];
      // A handler in undici's own (v5-style) shape rather than `pool.request()`: it is the only way to learn
      // `onRequestSent`, which tells a failure before the write (safe to resend) from one after (ambiguous).
      const handler: Dispatcher.DispatchHandler & { onRequestSent(): void } = {
        onConnect() {},
        onRequestSent() {
          sent = true;
        },
        onHeaders(statusCode, raw) {
          status = statusCode;
          responseHeaders = parseRawHeaders(raw);
          return true;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ type: 'response', status, headers: responseHeaders, json: parseJson(text), text, ...logIdOf(responseHeaders) });
        },
        onError(err) {
          const errorCode = (err as { code?: string }).code ?? err.name;
          resolve({
            type: 'error',
            // Headers already received means the server saw the request, whatever onRequestSent said.
            sent: sent || status !== 0,
            timeout: TIMEOUT_CODES.has(errorCode),
            errorCode,
            message: err.message,
            ...logIdOf(responseHeaders),
          });
        },
      };
      const timeouts = req.timeoutMs === undefined ? {} : { headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs };
      this.#pool.dispatch({ method: req.method, path: req.path, headers, body, ...timeouts }, handler);
    });
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }
}

function parseRawHeaders(raw: Buffer[] | string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (let i = 0; i + 1 < raw.length; i += 2) out[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
  return out;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function logIdOf(headers: Record<string, string>): { logId?: string } {
  const id = headers['x-tt-logid'];
  return id ? { logId: id } : {};
}
