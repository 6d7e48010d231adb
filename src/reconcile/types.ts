// The shapes of the reconcile stage: what is wanted (the inputs' records), what is known (the journal, what Feishu
// holds), and one action per row and per held record. Plain data: the plan command draws it, apply executes it.
import type { CreatingKind, NormalizedRecord } from '../types.js';

/** A record Feishu holds (read back), or, planning without credentials, one the journal says a run wrote. */
export interface HeldRecord {
  kind: CreatingKind;
  user_id: string;
  /** user_approval.date or remedy_date, yyyyMMdd. */
  date: string;
  approval_id: string;
  idempotent_id?: string;
  /** 0 pending, 1 rejected, 2 approved, 3 cancelled, 4 revoked. */
  status: number;
  /** The item (or remedy) as held: the create body's fields; empty when only the journal knows it. */
  content: Record<string, unknown>;
  /** Only the journal knows it: the content hash of the row that wrote it. */
  hash?: string;
}

export interface ServerView {
  records: HeldRecord[];
  /** 'journal': no credentials, so what the journal says was written stands in for what Feishu holds. */
  source: 'server' | 'journal';
}

/** What the journal knows, as reconcile asks it (src/journal implements it). */
export interface JournalFacts {
  /** An approval some run of this state folder wrote. */
  wrote(approval_id: string): boolean;
  /** How often approvals written for this row's content were withdrawn (undo, --replace, --prune): the -rN of a re-import. */
  withdrawnTimes(hash: string): number;
}

/** The users and attendance dates a run answers for. Records outside it are never touched. */
export interface Scope {
  from: string;
  to: string;
  /** 'all': every user the journal or the inputs know. */
  users: ReadonlySet<string>;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type RowAction =
  | { type: 'create'; record: NormalizedRecord }
  | { type: 'keep'; record: NormalizedRecord; held: HeldRecord }
  | { type: 'replace'; record: NormalizedRecord; earlier: HeldRecord; changes: FieldChange[] }
  /** Rows reconcile does not handle (status updates, CoreHR decisions): sent as they are. */
  | { type: 'send'; record: NormalizedRecord };

export type RecordAction =
  /** In scope, written by this tool, gone from the inputs: revoked (4), or a pending remedy rejected (1). */
  | { type: 'revoke'; held: HeldRecord; move: 1 | 4 }
  /** Held by Feishu in scope, but not written by this tool: listed, never touched. */
  | { type: 'unmanaged'; held: HeldRecord };

export interface Reconciliation {
  rows: RowAction[];
  records: RecordAction[];
  /** Records in scope that this tool manages (the base of the prune guard). */
  managedInScope: number;
  source: ServerView['source'];
}
