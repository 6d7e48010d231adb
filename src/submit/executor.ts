// The one executor every flow that sends uses (apply, --replace, --prune, undo): at most IN_FLIGHT calls handed to
// the client at once. The rate itself is the client's per-endpoint limiter; this cap only keeps Ctrl-C able to stop
// everything not yet started, and keeps nothing queued that a later decision could still leave out.
import pLimit from 'p-limit';

/** Calls handed to one endpoint's limiter at once: enough to keep 50 req/s going at ~1 s latency. */
export const IN_FLIGHT = 64;

export function forEachCall<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(IN_FLIGHT);
  return Promise.all(items.map((item) => limit(() => fn(item))));
}
