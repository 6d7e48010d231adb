// A big state folder's journal, held a slice of users at a time (issue 11: memory must not grow with the history).
// While the journal is read, each confirmation of a record placed by its user goes to that user's part on disk
// (journal/part-files.ts, the same parts as the run's records); a slice of the run loads only its own parts.
import { Confirmations, placeOf, type Confirmation } from './confirmations.js';
import { PARTS, PartFiles, type PartRange } from './part-files.js';

/** Which confirmations a slice loads. */
export interface SliceSelect {
  parts: PartRange;
  /** Only these users' (the run's own, unless its scope is every user the journal knows). */
  users?: ReadonlySet<string>;
  /** Approvals named by the slice's status rows, wherever their user's part: only their locations are loaded. */
  approvals?: ReadonlySet<string>;
}

export class SplitConfirmations {
  private readonly files = new PartFiles('feishu-import-journal-');

  put(c: Confirmation, user_id: string): void {
    this.files.write(user_id, JSON.stringify(c));
  }

  /** The slice's confirmations, in journal order (a user's lines are all in one part, in the order they were read). */
  async load(into: Confirmations, sel: SliceSelect): Promise<void> {
    const { lo, hi } = sel.parts;
    const approvals = sel.approvals?.size ? sel.approvals : undefined;
    for (let i = 0; i < PARTS; i++) {
      const own = i >= lo && i <= hi;
      if (!own && !approvals) continue;
      for (const line of this.files.lines(i)) {
        const c = JSON.parse(line) as Confirmation;
        if (own && (!sel.users || sel.users.has(placeOf(c.record!)?.user_id ?? ''))) into.add(c);
        else if (approvals && c.approval_id && approvals.has(c.approval_id)) into.addLocation(c);
      }
      // A slice is loaded while the one before is being sent: give the write limiters their turn between parts.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.files.close();
  }
}
