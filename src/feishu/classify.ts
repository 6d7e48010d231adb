// What an HTTP result means for the retry policy. Feishu puts its verdict in the body's `code` whatever the HTTP
// status (rate limits arrive as 429 or 400, business errors as 400 or 500), so the code is read first.
import { ref, type MessageRef } from '../messages/said.js';
import type { HttpResult } from './http.js';

export const RATE_LIMIT_CODE = 99991400;
/** Tenant, app and access token invalid (from the official Go SDK, which drops its token and resends once). */
export const INVALID_TOKEN_CODES: ReadonlySet<number> = new Set([99991663, 99991664, 99991671]);
/** "internal server error": the page says to retry; whether it wrote anything is unknown. */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1225000]);
/** Codes the pages document with HTTP 500 that are nevertheless answers about the request itself: retrying won't help. */
const BUSINESS_AT_500: ReadonlySet<number> = new Set([1225001, 1226500, 1227500]);

export type Verdict =
  | { type: 'ok'; body: Record<string, unknown>; logId?: string }
  | { type: 'rateLimited'; resetMs: number; httpStatus: number; logId?: string }
  | { type: 'invalidToken'; code: number; msg: string | MessageRef; logId?: string }
  | { type: 'transient'; ambiguous: boolean; code?: number; msg: string | MessageRef; httpStatus?: number; logId?: string }
  | { type: 'business'; code?: number; msg: string | MessageRef; data?: unknown; httpStatus: number; logId?: string };

export function classify(res: HttpResult, timeoutMs: number): Verdict {
  const logId = res.logId === undefined ? {} : { logId: res.logId };
  if (res.type === 'error') {
    const msg = res.timeout
      ? ref('submit.http.timeout', { seconds: Math.round(timeoutMs / 100) / 10 })
      : ref(res.sent ? 'submit.http.networkAfterSend' : 'submit.http.network', { error: res.errorCode });
    // Sent means the server may have acted on it; a failure to connect or to write means it cannot have.
    return { type: 'transient', ambiguous: res.sent, msg, ...logId };
  }
  const body = isObject(res.json) ? res.json : undefined;
  const code = typeof body?.code === 'number' ? body.code : undefined;
  const msg: string | MessageRef = typeof body?.msg === 'string' ? body.msg : ref('submit.http.status', { status: res.status });
  const httpStatus = res.status;
  if (code === RATE_LIMIT_CODE || httpStatus === 429) {
    return { type: 'rateLimited', resetMs: resetMsOf(res.headers), httpStatus, ...logId };
  }
  if (code !== undefined && INVALID_TOKEN_CODES.has(code)) return { type: 'invalidToken', code, msg, ...logId };
  if (code === 0 && body && httpStatus >= 200 && httpStatus < 300) return { type: 'ok', body, ...logId };
  if (code !== undefined && TRANSIENT_CODES.has(code)) {
    return { type: 'transient', ambiguous: true, code, msg, httpStatus, ...logId };
  }
  const known = code !== undefined && code !== 0 && (httpStatus < 500 || BUSINESS_AT_500.has(code));
  if (known) return { type: 'business', code, msg, data: body?.data, httpStatus, ...logId };
  // 5xx from a gateway, a 2xx that is not Feishu JSON, 408: the server may have written; try again.
  if (httpStatus >= 500 || httpStatus === 408 || (code === undefined && httpStatus < 300) || code === 0) {
    return { type: 'transient', ambiguous: true, ...(code === undefined ? {} : { code }), msg, httpStatus, ...logId };
  }
  return { type: 'business', ...(code === undefined ? {} : { code }), msg, httpStatus, ...logId };
}

/** `x-ogw-ratelimit-reset` is in seconds; absent or unreadable means 1 s (Feishu's windows are one second). */
function resetMsOf(headers: Record<string, string>): number {
  const seconds = Number(headers['x-ogw-ratelimit-reset']);
  if (!Number.isFinite(seconds) || seconds <= 0) return 1000;
  return Math.min(seconds, 60) * 1000;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
