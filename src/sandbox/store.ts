// The sandbox's memory: every record written, the idempotency index, and the CoreHR tasks.
import type { CorehrStatus, CorehrTaskSeed, RecordKind, SandboxRecord } from './types.js';

/** Statuses of a record that no longer counts as present (rejected, cancelled, revoked). */
const DEAD_STATUSES = new Set([1, 3, 4]);

/** Pending or approved: the record still counts. */
export function isLive(record: SandboxRecord): boolean {
  return !DEAD_STATUSES.has(record.status);
}

export interface CorehrTask {
  process_id: string;
  approver_id: string;
  user_id?: string;
  status: CorehrStatus;
  reason?: string;
  system_approval?: boolean;
  field_values_v2?: unknown[];
}

export interface StoreSnapshot {
  version: 1;
  /** The last approval id issued (a bigint as text), so ids stay increasing across restarts. */
  lastId: string;
  records: SandboxRecord[];
  corehr: CorehrTask[];
}

/** Key order must not make two equal contents look different. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export class Store {
  readonly records: SandboxRecord[] = [];
  private readonly byApprovalId = new Map<string, SandboxRecord>();
  private readonly byIdempotentId = new Map<string, SandboxRecord>();
  /** Per user, in the order written: the query endpoints read a batch of users, not every record of a big tenant. */
  private readonly byUser = new Map<string, SandboxRecord[]>();
  private lastId = 0n;
  readonly corehr = new Map<string, CorehrTask>();

  /** Snowflake-like: milliseconds shifted left 22 bits is a 19-digit number until the 2080s; strictly increasing. */
  private nextApprovalId(): string {
    let id = BigInt(Date.now()) << 22n;
    if (id <= this.lastId) id = this.lastId + 1n;
    this.lastId = id;
    return id.toString();
  }

  private idemKey(employeeType: string, userId: string, kind: RecordKind, idempotentId: string): string {
    return JSON.stringify([employeeType, userId, kind, idempotentId]);
  }

  /**
   * The latest record written with this idempotent_id for this user and kind, if any, live or not: whether a revoked
   * one still holds the id is the dialect's question, answered by the endpoint. Only the latest is indexed, because
   * a new record with the same id is written only once the earlier ones are dead.
   */
  findIdempotent(employeeType: string, userId: string, kind: RecordKind, idempotentId: string): SandboxRecord | undefined {
    return this.byIdempotentId.get(this.idemKey(employeeType, userId, kind, idempotentId));
  }

  add(rec: Omit<SandboxRecord, 'approval_id'>): SandboxRecord {
    const record: SandboxRecord = { ...rec, approval_id: this.nextApprovalId() };
    this.index(record);
    return record;
  }

  private index(record: SandboxRecord): void {
    this.records.push(record);
    this.byApprovalId.set(record.approval_id, record);
    if (record.idempotent_id) {
      this.byIdempotentId.set(this.idemKey(record.employee_type, record.user_id, record.kind, record.idempotent_id), record);
    }
    const mine = this.byUser.get(record.user_id);
    if (mine) mine.push(record);
    else this.byUser.set(record.user_id, [record]);
  }

  /** The records of these users, in the order they were written (as a scan of `records` would give them). */
  ofUsers(users: ReadonlySet<string>): SandboxRecord[] {
    const found: SandboxRecord[] = [];
    for (const user of users) found.push(...(this.byUser.get(user) ?? []));
    // Approval ids grow with every write (nextApprovalId) and have 19 digits: their text order is the write order.
    return found.sort((a, b) => (a.approval_id < b.approval_id ? -1 : a.approval_id > b.approval_id ? 1 : 0));
  }

  /** Everything the store holds, as plain data (sandbox/persist.ts writes it to a file). */
  snapshot(): StoreSnapshot {
    return { version: 1, lastId: this.lastId.toString(), records: this.records, corehr: [...this.corehr.values()] };
  }

  /** Loads a snapshot into an empty store, rebuilding the indexes. */
  restore(snap: StoreSnapshot): void {
    this.lastId = BigInt(snap.lastId);
    for (const record of snap.records) this.index(record);
    for (const task of snap.corehr) this.corehr.set(this.corehrKey(task.process_id, task.approver_id), task);
  }

  get(approvalId: string): SandboxRecord | undefined {
    return this.byApprovalId.get(approvalId);
  }

  /** Live records (pending or approved) whose kind, user, date and content match, ignoring ids. */
  duplicates(): SandboxRecord[][] {
    const groups = new Map<string, SandboxRecord[]>();
    for (const r of this.records) {
      if (!isLive(r)) continue;
      const { idempotent_id: _ignored, ...content } = r.content;
      const key = canonical([r.kind, r.employee_type, r.user_id, r.date, content]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return [...groups.values()].filter((g) => g.length > 1);
  }

  seedCorehr(tasks: CorehrTaskSeed[]): void {
    for (const t of tasks) {
      const task: CorehrTask = { process_id: t.process_id, approver_id: t.approver_id, status: t.status ?? 'pending' };
      if (t.user_id !== undefined) task.user_id = t.user_id;
      this.corehr.set(this.corehrKey(t.process_id, t.approver_id), task);
    }
  }

  corehrKey(processId: string, approverId: string): string {
    return JSON.stringify([processId, approverId]);
  }

  /** The other tasks of the same process, i.e. of the same approval node (the sandbox models one node per process). */
  corehrSiblings(task: CorehrTask): CorehrTask[] {
    return [...this.corehr.values()].filter((t) => t.process_id === task.process_id && t !== task);
  }
}
