// tenant_access_token issuing and checking, as NOTES.md describes the real server:
// asking again while ≥ 30 minutes remain returns the same token; otherwise a new one is minted and
// the old one stays valid until its own expiry. (With tokenTtlSeconds ≤ 1800, every ask mints a token.)
// The dialect's token 'fresh' mints on every ask: a client must not rely on getting the token it already holds.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './reply.js';

const REUSE_WHILE_REMAINING_MS = 30 * 60 * 1000;

/**
 * Which code a bad token gets (our pick among the Go SDK's invalid-token codes, both trigger its refetch):
 * a missing or malformed `Authorization` header → 99991671 "access token invalid";
 * a well-formed token that is unknown or expired → 99991663 "tenant token invalid". Both HTTP 400, as Feishu's gateway.
 */
const CODE_TOKEN_MALFORMED = 99991671;
const CODE_TOKEN_INVALID = 99991663;

export class TokenStore {
  private readonly expiry = new Map<string, number>();
  private current: string | undefined;
  /** New tokens minted, and grants asked for with valid credentials. */
  issued = 0;
  granted = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: () => number,
    private readonly mode: 'reuse' | 'fresh' = 'reuse',
  ) {}

  /** The token to hand out now and its remaining lifetime in whole seconds. */
  grant(now = this.clock()): { token: string; expire: number } {
    this.granted++;
    const currentExpiry = this.current === undefined ? undefined : this.expiry.get(this.current);
    if (this.mode === 'reuse' && this.current !== undefined && currentExpiry !== undefined && currentExpiry - now >= REUSE_WHILE_REMAINING_MS) {
      return { token: this.current, expire: Math.floor((currentExpiry - now) / 1000) };
    }
    const token = `t-${randomBytes(20).toString('hex')}`;
    this.expiry.set(token, now + this.ttlSeconds * 1000);
    this.current = token;
    this.issued++;
    return { token, expire: this.ttlSeconds };
  }

  expireAll(): void {
    this.expiry.clear();
    this.current = undefined;
  }

  /** Throws the gateway's answer unless the request carries a live token. */
  check(req: IncomingMessage, now = this.clock()): void {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer (\S+)$/.exec(header);
    if (!match?.[1]) {
      throw new ApiError(400, CODE_TOKEN_MALFORMED, 'Invalid access token for authorization. Please make a request with token attached.');
    }
    const expiresAt = this.expiry.get(match[1]);
    if (expiresAt === undefined || expiresAt <= now) {
      if (expiresAt !== undefined) this.expiry.delete(match[1]);
      throw new ApiError(400, CODE_TOKEN_INVALID, 'Invalid access token for authorization. Please make a request with token attached.');
    }
  }
}
