// The client's public shapes: one call in, one result out, events for progress. No tokens or secrets in any of them.
import type { MessageRef } from '../messages/said.js';

export interface CallRequest {
  /** Limiter key and event label: `user_approvals`, `user_task_remedys`, … (see Endpoint in src/types.ts). */
  endpoint: string;
  method: 'POST' | 'PUT';
  /** `/open-apis/…`, without query string. */
  path: string;
  query?: Record<string, string>;
  body: unknown;
  /**
   * May a request that failed after it was sent (timeout, reset, 5xx) be sent again? Yes for `user_approvals`
   * (its `idempotent_id`s make a resend harmless); no for remedies, which have no key: the caller reconciles.
   */
  retryAmbiguous: boolean;
  /** Stops retrying and waiting (Ctrl-C); an attempt already sent still completes. */
  signal?: AbortSignal;
}

export type CallResult =
  | { ok: true; data: unknown; logId?: string; attempts: number }
  | {
      ok: false;
      code?: number;
      /** Feishu's `msg` (text), or the client's own description (a message) when there is no answer; never a secret. */
      msg: string | MessageRef;
      /** Feishu's `data` on a business error: 1225001 puts its per-record errors there or in `msg`. */
      data?: unknown;
      httpStatus?: number;
      logId?: string;
      attempts: number;
      /** business: the request itself was refused; transient: out of retries; auth: no usable token. */
      kind: 'business' | 'transient' | 'auth';
      /** Some attempt failed after it was sent: Feishu may have written it. Reconcile before sending it again. */
      ambiguous: boolean;
      /** The code explained (a message of src/messages/submit.ts), when we know it. */
      explanation?: MessageRef;
      /**
       * The run was stopped (Ctrl-C) while this call waited for its turn, a rate-limit window or a backoff. With
       * `ambiguous` false nothing of it was written: its rows are `skipped`, not `failed`.
       */
      aborted?: boolean;
    };

export type FeishuEvent =
  /** `timeoutMs`: how long this attempt waits for an answer (it follows the latency observed: see timeouts.ts). */
  | { type: 'request'; endpoint: string; attempt: number; timeoutMs: number }
  | { type: 'response'; endpoint: string; attempt: number; ok: boolean; httpStatus?: number; code?: number; logId?: string; ms: number }
  | { type: 'rateLimited'; endpoint: string; httpStatus: number; waitMs: number; logId?: string }
  | { type: 'retry'; endpoint: string; attempt: number; reason: 'transient' | 'invalidToken'; delayMs: number; code?: number }
  | { type: 'tokenFetched'; endpoint: 'token'; expiresInSeconds: number };

export type EventSink = (event: FeishuEvent) => void;

/** What the rest of the program calls: the FeishuClient, or anything that answers like it. */
export interface Caller {
  call(req: CallRequest): Promise<CallResult>;
}
