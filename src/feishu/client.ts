// The Feishu client: one call() per planned request, which waits out rate limits, retries what is safe to retry
// and returns every other outcome as data. It never throws for anything Feishu or the network does.
import { ref, type MessageRef } from '../messages/said.js';
import { retryDelayMs, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { classify } from './classify.js';
import type { Verdict } from './classify.js';
import type { ClientConfig } from './config.js';
import { explainCode } from './errors.js';
import { Http } from './http.js';
import type { Limiters } from './limiter.js';
import { Storms } from './storms.js';
import { Timeouts } from './timeouts.js';
import { TokenError, TokenProvider } from './token.js';
import type { CallRequest, CallResult, EventSink } from './types.js';

export interface ClientOptions {
  config: ClientConfig;
  /** Shared by every call: the one place the per-endpoint rate is enforced. */
  limiters: Limiters;
  /**
   * Response timeout per attempt (default 30 s): the most an attempt waits, and what it waits until an endpoint has
   * answered enough requests for its timeout to follow the latency observed (4 × p99, see timeouts.ts).
   */
  timeoutMs?: number;
  /** The adapted timeout never goes below this (default 5 s): a slow but healthy server must not be cut off. */
  timeoutFloorMs?: number;
  /** Open connections to Feishu (default 128, see HttpOptions). */
  connections?: number;
  /** Attempts for network errors, timeouts and 5xx (default 5). Rate-limit waits do not count. */
  maxAttempts?: number;
  /** Rate-limit waits per call before giving up (default 100): a limit that never lifts must not hang the run. */
  rateLimitCap?: number;
  /**
   * Resends after an invalid-token answer (default 4), each with a token fetched anew through the one shared fetch.
   * More than one: an admin rotating the app secret mid-run revokes tokens while they are being fetched.
   */
  tokenRetries?: number;
  backoff?: BackoffOptions;
  onEvent?: EventSink;
}

type Attempt = { verdict: Verdict; token: string; ms: number } | { tokenError: TokenError } | { aborted: true };

/** What a failed call reports; undefined fields are left out of the result. */
interface Failure {
  msg: string | MessageRef;
  code?: number | undefined;
  data?: unknown;
  httpStatus?: number | undefined;
  logId?: string | undefined;
  explanation?: MessageRef | undefined;
  /** The call ended because the run was stopped (Ctrl-C), not because of an answer. */
  aborted?: boolean;
}

/** The run was stopped (Ctrl-C) while this call waited for its turn. */
class Aborted extends Error {}

interface CallState {
  attempts: number;
  logId?: string;
  /** Some attempt failed after it was sent. */
  ambiguous: boolean;
  /** Attempts that got no answer in time: each doubles the next attempt's timeout. */
  timedOut: number;
}

export class FeishuClient {
  readonly #http: Http;
  readonly #tokens: TokenProvider;
  readonly #options: ClientOptions;
  readonly #timeouts: Timeouts;
  readonly #storms = new Storms();

  constructor(options: ClientOptions) {
    this.#options = options;
    this.#http = new Http(options.config.origin, {
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.connections === undefined ? {} : { connections: options.connections }),
    });
    this.#timeouts = new Timeouts(this.#http.timeoutMs, options.timeoutFloorMs ?? 5_000);
    this.#tokens = new TokenProvider(this.#http, options.config, {
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    });
  }

  async call(req: CallRequest): Promise<CallResult> {
    const { endpoint, signal } = req;
    const maxAttempts = this.#options.maxAttempts ?? 5;
    const rateLimitCap = this.#options.rateLimitCap ?? 100;
    const state: CallState = { attempts: 0, ambiguous: false, timedOut: 0 };
    let failures = 0;
    let waits = 0;
    let tokenRetries = 0;
    const maxTokenRetries = this.#options.tokenRetries ?? 4;
    for (;;) {
      if (signal?.aborted) return this.#fail(state, 'transient', { msg: ref('submit.http.aborted'), aborted: true });
      const attempt = await this.#attempt(req, state);
      if ('aborted' in attempt) return this.#fail(state, 'transient', { msg: ref('submit.http.aborted'), aborted: true });
      if ('tokenError' in attempt) {
        const e = attempt.tokenError;
        const explanation = e.kind === 'auth' ? ref('submit.code.auth') : undefined;
        return this.#fail(state, e.kind, { msg: e.said, code: e.code, logId: e.logId, explanation });
      }
      const v = attempt.verdict;
      this.#emit({ type: 'response', endpoint, attempt: state.attempts, ok: v.type === 'ok', ms: attempt.ms, ...details(v) });
      // The last answer's log id is the one Feishu support needs; an attempt that got no answer keeps the previous.
      if (v.logId) state.logId = v.logId;
      if (v.type !== 'rateLimited') this.#storms.note(endpoint, v.type === 'transient');
      switch (v.type) {
        case 'ok':
          return { ok: true, data: v.body.data, attempts: state.attempts, ...logIdOf(state) };
        case 'rateLimited':
          // Not a failure and not a retry: Feishu refused before doing anything, so even remedies may resend.
          if (++waits > rateLimitCap) {
            const msg = ref('submit.http.rateLimitCap', { waits: rateLimitCap });
            return this.#fail(state, 'transient', { msg, httpStatus: v.httpStatus });
          }
          this.#options.limiters.rateLimited(endpoint, v.resetMs);
          this.#emit({ type: 'rateLimited', endpoint, httpStatus: v.httpStatus, waitMs: v.resetMs, ...logIdOf(v) });
          await sleep(v.resetMs, signal);
          continue;
        case 'invalidToken':
          this.#tokens.invalidate(attempt.token);
          if (++tokenRetries > maxTokenRetries) {
            return this.#fail(state, 'auth', { msg: v.msg, code: v.code, explanation: ref('submit.token.invalidTwice', { times: tokenRetries }) });
          }
          // The server refused the token before acting, so a resend with a fresh token is safe for any endpoint.
          this.#emit({ type: 'retry', endpoint, attempt: state.attempts, reason: 'invalidToken', delayMs: 0, code: v.code });
          continue;
        case 'transient': {
          if (v.ambiguous) state.ambiguous = true;
          const fail = { msg: v.msg, code: v.code, httpStatus: v.httpStatus, explanation: explainCode(v.code) };
          if (v.ambiguous && !req.retryAmbiguous) return this.#fail(state, 'transient', fail);
          if (++failures >= maxAttempts) return this.#fail(state, 'transient', fail);
          const calm = this.#options.limiters.hasRoom(endpoint) && !this.#storms.raging(endpoint);
          const delayMs = retryDelayMs(failures, calm, this.#options.backoff);
          this.#emit({ type: 'retry', endpoint, attempt: state.attempts, reason: 'transient', delayMs, ...codeOf(v) });
          await sleep(delayMs, signal);
          continue;
        }
        case 'business': {
          const { msg, code, data, httpStatus } = v;
          return this.#fail(state, 'business', { msg, code, data, httpStatus, explanation: explainCode(code) });
        }
      }
    }
  }

  /** Ends the connection pool; calls in progress fail. */
  async close(): Promise<void> {
    await this.#http.close();
  }

  /**
   * One HTTP attempt through the endpoint's limiter. The token is taken once the attempt has a slot, so it is fresh
   * when sent; a missing token or a stopped run ends the attempt before it spends a start of the window.
   */
  async #attempt(req: CallRequest, state: CallState): Promise<Attempt> {
    const prefix = this.#options.config.pathPrefix;
    const query = req.query && Object.keys(req.query).length > 0 ? `?${new URLSearchParams(req.query).toString()}` : '';
    const prepare = (): Promise<string> => (req.signal?.aborted ? Promise.reject(new Aborted()) : this.#tokens.get());
    const send = async (token: string): Promise<Attempt> => {
      // Checked again here: a call may wait in the window for up to a second after its token was ready, and Ctrl-C
      // during that wait must keep it from being sent.
      if (req.signal?.aborted) throw new Aborted();
      state.attempts++;
      const timeoutMs = this.#timeouts.for(req.endpoint, state.timedOut);
      this.#emit({ type: 'request', endpoint: req.endpoint, attempt: state.attempts, timeoutMs });
      const started = performance.now();
      const res = await this.#http.send({
        method: req.method,
        path: prefix + req.path + query,
        headers: { authorization: `Bearer ${token}` },
        body: req.body,
        timeoutMs,
      });
      const ms = Math.round(performance.now() - started);
      if (res.type === 'response') this.#timeouts.observe(req.endpoint, ms);
      else if (res.timeout) state.timedOut++;
      return { verdict: classify(res, timeoutMs), token, ms };
    };
    try {
      return await this.#options.limiters.schedule(req.endpoint, prepare, send, { retry: state.attempts > 0 });
    } catch (e) {
      if (e instanceof TokenError) return { tokenError: e };
      if (e instanceof Aborted) return { aborted: true };
      throw e;
    }
  }

  #fail(
    state: CallState,
    kind: 'business' | 'transient' | 'auth',
    f: Failure,
  ): CallResult {
    const logId = f.logId ?? state.logId;
    return {
      ok: false,
      kind,
      msg: typeof f.msg === 'string' ? this.#tokens.redact(f.msg) : f.msg,
      attempts: state.attempts,
      ambiguous: state.ambiguous,
      ...(f.code === undefined ? {} : { code: f.code }),
      ...(f.data === undefined ? {} : { data: f.data }),
      ...(f.httpStatus === undefined ? {} : { httpStatus: f.httpStatus }),
      ...(logId === undefined ? {} : { logId }),
      ...(f.explanation === undefined ? {} : { explanation: f.explanation }),
      ...(f.aborted ? { aborted: true } : {}),
    };
  }

  #emit(event: Parameters<EventSink>[0]): void {
    this.#options.onEvent?.(event);
  }
}

function details(v: Verdict): { httpStatus?: number; code?: number; logId?: string } {
  if (v.type === 'ok') return logIdOf(v);
  const status = 'httpStatus' in v && v.httpStatus !== undefined ? { httpStatus: v.httpStatus } : {};
  return { ...status, ...codeOf(v), ...logIdOf(v) };
}

function codeOf(v: Verdict): { code?: number } {
  return 'code' in v && v.code !== undefined ? { code: v.code } : {};
}

function logIdOf(x: { logId?: string | undefined }): { logId?: string } {
  return x.logId === undefined ? {} : { logId: x.logId };
}
