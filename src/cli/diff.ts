// Drawing a reconciliation as a diff, the way `terraform plan` does: `+ create`, `~ replace` field by field,
// `- revoke`, `= keep` (counted; listed with --verbose), then totals. Colour only on a terminal (and never with NO_COLOR).
import { t } from '../messages/index.js';
import type { FieldChange, HeldRecord, Reconciliation, RecordAction, RowAction } from '../reconcile/types.js';
import { KINDS, type Kind, type NormalizedRecord } from '../types.js';

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

export function drawDiff(r: Reconciliation, o: DiffOptions): string[] {
  const paint = (kind: Shown, text: string) => (o.colour ? `\u001b[${COLOURS[kind]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const byKind = new Map<Kind, { rows: RowAction[]; records: RecordAction[] }>();
  const slot = (k: Kind) => byKind.get(k) ?? (byKind.set(k, { rows: [], records: [] }).get(k) as { rows: RowAction[]; records: RecordAction[] });
  for (const a of r.rows) slot(a.record.kind).rows.push(a);
  for (const a of r.records) slot(a.held.kind).records.push(a);
  for (const kind of KINDS) {
    const s = byKind.get(kind);
    if (!s) continue;
    lines.push(kind);
    let kept = 0;
    for (const a of s.rows) {
      if (a.type === 'keep' && !o.verbose) {
        kept++;
        continue;
      }
      const label = paint(a.type, `  ${SIGN[a.type]} ${t(`plan.action.${a.type}`).padEnd(8)}`);
      if (a.type === 'replace') {
        const note = o.replace ? '' : `  ${t('plan.needsReplace')}`;
        lines.push(`${label} ${where(a.record)}  approval ${a.earlier.approval_id}${note}`);
        if (a.changes.length) lines.push(`             ${changeText(a.changes)}`);
      } else lines.push(`${label} ${where(a.record)}${a.type === 'keep' ? `  approval ${a.held.approval_id}` : ''}`);
    }
    for (const a of s.records) {
      const note = a.type === 'revoke' && !o.prune ? `  ${t('plan.needsPrune')}` : '';
      lines.push(`${paint(a.type, `  ${SIGN[a.type]} ${t(`plan.action.${a.type}`).padEnd(8)}`)} ${heldWhere(a.held)}${note}`);
    }
    if (kept) lines.push(paint('keep', `  = ${t('plan.action.keep').padEnd(8)} ${t('plan.rows', { count: kept })}`));
  }
  return lines;
}
