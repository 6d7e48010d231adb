// Drawing a reconciliation as a diff, the way `terraform plan` does: `+ create`, `~ replace` field by field,
// `- revoke`, `= keep` (counted; listed with --verbose), then totals. Colour only on a terminal (and never with NO_COLOR).
import { t } from '../messages/index.js';
import type { FieldChange, HeldRecord, RecordAction, RowAction } from '../reconcile/types.js';
import { KINDS, type Kind, type NormalizedRecord } from '../types.js';
import { Spool } from '../report/spool.js';

const COLOURS = { create: 32, replace: 33, revoke: 31, keep: 2, unmanaged: 2, send: 36 } as const;
type Shown = keyof typeof COLOURS;
const SIGN: Record<Shown, string> = { create: '+', replace: '~', revoke: '-', keep: '=', unmanaged: '·', send: '>' };

export interface DiffOptions {
  colour: boolean;
  verbose: boolean;
  /** Whether apply would act on replace/revoke rows (--replace, --prune): otherwise they are marked as left alone. */
  replace: boolean;
  prune: boolean;
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
export const changeText = (changes: readonly FieldChange[]): string => changes.map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`).join('; ');

function where(r: NormalizedRecord): string {
  const when = String(r.body.start_time ?? r.body.remedy_time ?? r.date);
  return `${r.user_id} ${when}  (${r.ref.file} › ${r.ref.sheet} › ${t('cli.row', { row: r.ref.row })})`;
}
const heldWhere = (h: HeldRecord) => `${h.user_id} ${h.date}  approval ${h.approval_id}`;

/**
 * The diff of a plan made a slice of users at a time: each slice's lines are set aside per kind (on disk past a few
 * thousand, src/report/spool.ts) and drawn at the end kind by kind, as one piece would be.
 */
export class DiffLines {
  private readonly kinds = new Map<Kind, { rows: Spool<string>; records: Spool<string>; kept: number }>();
  constructor(private readonly o: DiffOptions) {}

  add(rows: readonly RowAction[], records: readonly RecordAction[]): void {
    const paint = (kind: Shown, text: string) => (this.o.colour ? `\u001b[${COLOURS[kind]}m${text}\u001b[0m` : text);
    for (const a of rows) {
      const s = this.slot(a.record.kind);
      if (a.type === 'keep' && !this.o.verbose) {
        s.kept++;
        continue;
      }
      const label = paint(a.type, `  ${SIGN[a.type]} ${t(`plan.action.${a.type}`).padEnd(8)}`);
      if (a.type === 'replace') {
        const note = this.o.replace ? '' : `  ${t('plan.needsReplace')}`;
        s.rows.push(`${label} ${where(a.record)}  approval ${a.earlier.approval_id}${note}`);
        if (a.changes.length) s.rows.push(`             ${changeText(a.changes)}`);
      } else s.rows.push(`${label} ${where(a.record)}${a.type === 'keep' ? `  approval ${a.held.approval_id}` : ''}`);
    }
    for (const a of records) {
      const note = a.type === 'revoke' && !this.o.prune ? `  ${t('plan.needsPrune')}` : '';
      this.slot(a.held.kind).records.push(`${paint(a.type, `  ${SIGN[a.type]} ${t(`plan.action.${a.type}`).padEnd(8)}`)} ${heldWhere(a.held)}${note}`);
    }
  }

  async *lines(): AsyncGenerator<string> {
    const paint = (text: string) => (this.o.colour ? `\u001b[${COLOURS.keep}m${text}\u001b[0m` : text);
    for (const kind of KINDS) {
      const s = this.kinds.get(kind);
      if (!s) continue;
      yield kind;
      yield* s.rows.items();
      yield* s.records.items();
      if (s.kept) yield paint(`  = ${t('plan.action.keep').padEnd(8)} ${t('plan.rows', { count: s.kept })}`);
    }
  }

  dispose(): void {
    for (const s of this.kinds.values()) {
      s.rows.dispose();
      s.records.dispose();
    }
  }

  private slot(kind: Kind) {
    let s = this.kinds.get(kind);
    if (!s) this.kinds.set(kind, (s = { rows: new Spool<string>(), records: new Spool<string>(), kept: 0 }));
    return s;
  }
}
