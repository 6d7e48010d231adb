// The dialect a sandbox instance speaks: its `dialect` option (or the env var), then the older per-question options,
// which callers written before dialects existed still pass and which must keep meaning what they meant then.
import { type Dialect, resolveDialect } from './dialects.js';
import type { SandboxOptions } from './types.js';

export function effectiveDialect(opts: SandboxOptions): Dialect & { name: string } {
  const base = resolveDialect(opts.dialect);
  const legacy: Partial<Dialect> = {};
  if (opts.duplicateIdempotentId !== undefined || opts.revokedKeepsIdempotentId !== undefined) {
    // Each was written against the other's old default ('return-existing', keeps: true), so one alone implies that default.
    const keeps = opts.revokedKeepsIdempotentId ?? true;
    legacy.repeatedId = opts.duplicateIdempotentId === 'error' ? 'error' : keeps ? 'even-revoked' : 'first-live';
  }
  if (opts.rateLimitStatus !== undefined) legacy.rateLimit = { ...base.rateLimit, status: opts.rateLimitStatus };
  const keys = Object.keys(legacy);
  if (keys.length === 0) return base;
  return { ...base, ...legacy, name: `${base.name}+${keys.join('+')}` };
}
