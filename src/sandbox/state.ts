// Everything one sandbox instance holds, handed to each endpoint handler.
import type { TokenStore } from './auth.js';
import type { Dialect } from './dialects.js';
import type { Store } from './store.js';
import type { RejectApprovalPredicate, RejectRemedyPredicate, SandboxOptions } from './types.js';
import type { Json } from './validate.js';

export interface SandboxState {
  appId: string;
  appSecret: string;
  /** The answers to the questions the pages leave open, after the options that override the dialect. */
  dialect: Dialect & { name: string };
  /** undefined: every user exists. */
  users: Set<string> | undefined;
  store: Store;
  tokens: TokenStore;
  rejectWhen: RejectApprovalPredicate | undefined;
  rejectRemedyWhen: RejectRemedyPredicate | undefined;
  options: SandboxOptions;
  clock: () => number;
}

/** One request as a handler sees it: the body is already parsed JSON. */
export interface RequestContext {
  state: SandboxState;
  query: URLSearchParams;
  params: Record<string, string>;
  body: Json;
}
