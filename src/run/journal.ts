// The journal as one run sees it: open (locked) for the run, the run-start/run-end lines, and the write-ahead
// intent/outcome pairs submit records around every request.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canonicalJson } from '../plan/idempotency.js';
import { newRunId, openJournal, type Journal, type JournalView, type OpenOptions, type ProcessStatus } from '../journal/index.js';
import { journalText, type CallResult, type SubmitJournal } from '../submit/context.js';
import type { NormalizedRecord } from '../types.js';

export const DEFAULT_STATE_DIR = '.feishu-import';

export interface RunJournal {
  runId: string;
  state: JournalView;
  submit: SubmitJournal;
  process(approval_id: string, approval_type: string, status: number, res: CallResult, exists?: boolean): Promise<void>;
  finish(counts: Record<string, number>, interrupted: boolean): Promise<void>;
}

/** `--state`, else `.feishu-import/` beside the first input. */
export function stateDirFor(paths: string[], state?: string): string {
  return state ?? join(dirname(resolve(paths[0] ?? '.')), DEFAULT_STATE_DIR);
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function openRunJournal(paths: string[], opts: { state?: string; employeeType?: string }, files: string[], command: string, openOpts: OpenOptions = {}): Promise<RunJournal> {
  const journal: Journal = await openJournal(stateDirFor(paths, opts.state), openOpts);
  const runId = newRunId();
  const inputs = await Promise.all(files.map(async (path) => ({ path, sha256: await sha256File(path) })));
  // Only plain settings go into the journal: not the environment (secrets), the abort signal or callbacks.
  const options = Object.fromEntries(Object.entries(opts).filter(([k, v]) => !['env', 'signal', 'events'].includes(k) && typeof v !== 'function'));
  await journal.append({ t: 'run-start', run: runId, command, startedAt: new Date().toISOString(), inputs, options });
  // Requests a crashed run sent without recording the answer, as they were when this run started.
  const open = new Set(journal.unresolvedIntents().map((u) => u.intent.req));
  const intentRecord = (r: NormalizedRecord) => ({
    hash: r.hash,
    identity: r.identity,
    kind: r.kind,
    ref: r.ref,
    ...(typeof r.body.idempotent_id === 'string' ? { idempotent_id: r.body.idempotent_id } : {}),
    ...(r.user_id && r.date ? { user_id: r.user_id, date: r.date } : {}),
    ...(opts.employeeType ? { employee_type: opts.employeeType } : {}),
  });
  return {
    runId,
    state: journal,
    submit: {
      leftOpen: (req) => open.has(req),
      intent: async (req, endpoint, records) => {
        const payloadHash = createHash('sha256').update(canonicalJson(records.map((r) => r.body))).digest('hex');
        await journal.append({ t: 'intent', run: runId, req, endpoint, payloadHash, records: records.map(intentRecord) });
      },
      outcome: async (req, result, records, meta) => {
        await journal.append({ t: 'outcome', run: runId, req, result, records, ...meta });
      },
    },
    process: async (approval_id, approval_type, status, res, exists) => {
      await journal.append({
        t: 'process',
        run: runId,
        approval_id,
        approval_type: approval_type as 'leave',
        status: status as ProcessStatus,
        result: exists ? 'exists' : res.ok ? 'ok' : 'failed',
        ...(!res.ok ? { ...journalText(res.msg), ...(res.code !== undefined ? { code: res.code } : {}) } : {}),
      });
    },
    finish: async (counts, interrupted) => {
      try {
        await journal.append({ t: 'run-end', run: runId, finishedAt: new Date().toISOString(), counts, ...(interrupted ? { interrupted } : {}) });
      } finally {
        await journal.close();
      }
    },
  };
}
