// Answers as Feishu shapes them: a JSON body `{code, msg, data?}` and an `X-Tt-Logid` header on every answer.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A failure answered as `{code, msg}` (and `data` when given) with an HTTP status, thrown by handlers and validators. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** The body codes that mean "bad parameter", per API family. */
const PARAM_CODE = { token: 10003, attendance: 1220001, corehr: 1161002 } as const;
export type ApiFamily = keyof typeof PARAM_CODE;

/** `param(...)` is the common 400 of each family; its msg names the offending field. */
export function paramError(family: ApiFamily, msg: string): ApiError {
  return new ApiError(400, PARAM_CODE[family], msg);
}

let logSeq = 0;
/** Shaped like Feishu's (a timestamp then hex), unique per request within the process. */
export function newLogId(): string {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  logSeq = (logSeq + 1) % 0x1000000;
  return `${stamp}${logSeq.toString(16).padStart(6, '0')}${randomBytes(6).toString('hex')}`.toUpperCase();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: ApiError): void {
  const body = err.data === undefined ? { code: err.code, msg: err.message } : { code: err.code, msg: err.message, data: err.data };
  sendJson(res, err.status, body, err.headers);
}

/** A gateway-style failure with a non-JSON body: clients must not assume every answer parses. */
export function sendPlain(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
