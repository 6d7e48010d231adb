// The tenant_access_token: fetched once, shared by every concurrent request, refreshed before it expires.
import { ref, type MessageRef } from '../messages/said.js';
import { backoffMs, sleep } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { classify } from './classify.js';
import type { ClientConfig } from './config.js';
import type { Http } from './http.js';
import type { EventSink } from './types.js';

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
/** The official SDKs treat a token as expired 3 minutes early. */
const REFRESH_EARLY_S = 180;

/** No usable token. `auth` (bad credentials, app not enabled) will not get better by retrying; `transient` may. */
export class TokenError extends Error {
  override name = 'TokenError';
  constructor(
    /** What went wrong, as a message (rendered only where it is shown). */
    readonly said: MessageRef,
    readonly kind: 'auth' | 'transient',
    readonly code?: number,
    readonly logId?: string,
  ) {
    super(said.id);
  }
}

export interface TokenOptions {
  maxAttempts?: number;
  rateLimitCap?: number;
  backoff?: BackoffOptions;
  onEvent?: EventSink;
}

export class TokenProvider {
  #current: { token: string; refreshAt: number } | undefined;
  /** The one fetch in progress: every caller arriving meanwhile awaits this same promise (single-flight). */
  #inflight: Promise<string> | undefined;
  /** Credentials Feishu refused: remembered so a thousand queued rows do not each ask again. */
  #fatal: TokenError | undefined;
  readonly #issued = new Set<string>();

  constructor(
    private readonly http: Http,
    private readonly config: ClientConfig,
    private readonly options: TokenOptions = {},
  ) {}

  get(): Promise<string> {
    if (this.#fatal) return Promise.reject(this.#fatal);
    if (this.#current && Date.now() < this.#current.refreshAt) return Promise.resolve(this.#current.token);
    this.#inflight ??= this.#fetch().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Feishu said `token` is invalid. Drop it, unless another caller has already replaced it with a fresh one. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  /** Replaces the app secret and every token this provider has seen: for any text that came from the server. */
  redact(text: string): string {
    let out = text;
    for (const s of [this.config.appSecret.reveal(), ...this.#issued]) out = out.split(s).join('[redacted]');
    return out;
  }

  async #fetch(): Promise<string> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let failures = 0;
    let waits = 0;
    for (;;) {
      const res = await this.http.send({
        method: 'POST',
        path: this.config.pathPrefix + TOKEN_PATH,
        headers: {},
        body: { app_id: this.config.appId, app_secret: this.config.appSecret.reveal() },
      });
      const v = classify(res, this.http.timeoutMs);
      if (v.type === 'ok' && typeof v.body.tenant_access_token === 'string' && v.body.tenant_access_token) {
        return this.#store(v.body.tenant_access_token, v.body.expire);
      }
      if (v.type === 'rateLimited' && ++waits <= (this.options.rateLimitCap ?? 100)) {
        await sleep(v.resetMs);
        continue;
      }
      // Asking for a token twice is harmless, so even a failure after sending is simply retried.
      const transient = v.type === 'transient' || v.type === 'ok' || v.type === 'rateLimited';
      if (transient && ++failures < maxAttempts) {
        await sleep(backoffMs(failures, this.options.backoff));
        continue;
      }
      const msg =
        v.type === 'ok'
          ? ref('submit.token.noToken')
          : v.type === 'rateLimited'
            ? ref('submit.http.rateLimitCap', { waits })
            : typeof v.msg === 'string' ? this.redact(v.msg) : v.msg;
      const code = v.type === 'ok' || v.type === 'rateLimited' ? undefined : v.code;
      const err = new TokenError(ref('submit.token.failed', { msg }), transient ? 'transient' : 'auth', code, res.logId);
      if (!transient) this.#fatal = err;
      throw err;
    }
  }

  #store(token: string, expire: unknown): string {
    const ttl = typeof expire === 'number' && expire > 0 ? expire : 7200;
    // Short-lived tokens (a sandbox with a 10 s TTL) would otherwise be "expired" the moment they arrive.
    const early = Math.min(REFRESH_EARLY_S, ttl / 2);
    this.#current = { token, refreshAt: Date.now() + (ttl - early) * 1000 };
    this.#issued.add(token);
    this.options.onEvent?.({ type: 'tokenFetched', endpoint: 'token', expiresInSeconds: ttl });
    return token;
  }
}
