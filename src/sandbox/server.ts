// The request pipeline of the sandbox, in the order a request meets it:
// route → auth → rate limiter → latency → 'before' fault → content type and JSON → handler (the write) → 'after' fault → answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultSet } from './faults.js';
import { rateLimitError, type SlidingWindow } from './rate-limit.js';
import { ApiError, newLogId, paramError, sendError, sendJson, sendPlain } from './reply.js';
import { matchRoute, type Route } from './routes.js';
import type { SandboxState } from './state.js';
import type { EndpointStats, FaultAction, SandboxEndpoint, SandboxOptions } from './types.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface Pipeline {
  state: SandboxState;
  faults: FaultSet;
  limiters: Record<SandboxEndpoint, SlidingWindow>;
  stats: Record<SandboxEndpoint, EndpointStats>;
  /** Responses held open by 'hang' faults; closed with the server. */
  hung: Set<ServerResponse>;
}

function latency(opt: SandboxOptions['latencyMs']): number {
  if (opt === undefined) return 0;
  if (typeof opt === 'number') return opt;
  return opt.min + Math.random() * (opt.max - opt.min);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that dies mid-body never sends 'end'; after a normal end this reject is a no-op.
    req.on('close', () => reject(new Error('client went away')));
  });
}

/** Feishu's fixed value is `application/json; charset=utf-8`; we accept the charset omitted, never another one. */
function parseJsonBody(req: IncomingMessage, raw: Buffer, route: Route): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  const [media, ...params] = type.split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (media !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw paramError(route.family, `Content-Type must be application/json; charset=utf-8, got "${type}"`);
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw paramError(route.family, 'request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw paramError(route.family, 'request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Answers (or deliberately fails to answer) a request hit by a fault. */
function applyFault(p: Pipeline, action: FaultAction, res: ServerResponse): void {
  switch (action) {
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      p.hung.add(res);
      res.on('close', () => p.hung.delete(res));
      return;
    case 'status500':
      sendPlain(res, 500, 'Internal Server Error');
      return;
    case 'code1225000':
      sendError(res, new ApiError(500, 1225000, 'internal server error'));
      return;
    case 'ratelimit':
      sendError(res, rateLimitError(p.state.dialect.rateLimit, p.state.options.ratePerSecond ?? 50, 1));
      return;
  }
}

export async function handleRequest(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('X-Tt-Logid', newLogId());
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const matched = matchRoute(req.method ?? '', url.pathname);
  const raw = await readBody(req);
  if (!matched) {
    sendPlain(res, 404, '404 page not found');
    return;
  }
  const { route, params } = matched;
  const stats = p.stats[route.endpoint];
  stats.requests++;
  try {
    if (route.auth) p.state.tokens.check(req);
    // Timed once the body is in, so the window's entries stay in order even when bodies arrive interleaved.
    const now = p.state.clock();
    const wait = p.limiters[route.endpoint].arrive(now);
    if (wait > 0) {
      stats.rateLimited++;
      throw rateLimitError(p.state.dialect.rateLimit, p.state.options.ratePerSecond ?? 50, wait);
    }
    if (stats.accepted++ === 0) stats.firstAcceptedAt = now;
    stats.lastAcceptedAt = now;
    stats.maxInAnyWindow = p.limiters[route.endpoint].maxInAnyWindow;
    const delay = latency(p.state.options.latencyMs);
    if (delay > 0) await sleep(delay);

    const before = p.faults.take(route.endpoint, 'before');
    if (before) {
      stats.faultsHit++;
      applyFault(p, before, res);
      return;
    }
    let answer: { status: number; body: unknown } | ApiError;
    try {
      const body = parseJsonBody(req, raw, route);
      answer = { status: 200, body: route.handle({ state: p.state, query: url.searchParams, params, body }) };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      answer = err;
    }
    const after = p.faults.take(route.endpoint, 'after');
    if (after) {
      stats.faultsHit++;
      applyFault(p, after, res);
      return;
    }
    if (answer instanceof ApiError) sendError(res, answer);
    else sendJson(res, answer.status, answer.body);
  } catch (err) {
    if (err instanceof ApiError) sendError(res, err);
    else sendError(res, new ApiError(500, 1225000, `internal server error: ${String(err)}`));
  }
}
