// The one interface every input format implements (xlsx, csv, yaml), and what a manifest adds on top.
import type { EmployeeType, InputRow, Kind } from '../types.js';
import type { MessageRef } from '../messages/said.js';
import type { RowBatches } from './batches.js';

/** One file to read, as named on the command line or in a manifest's `sources:`. */
export interface SourceInput {
  path: string;
  /** For CSV: the kind of every row (else taken from the file name). For xlsx: only sheets of this kind are read. */
  kind?: Kind;
  /** Extra header → canonical field mappings, e.g. `{ "员工编号": "user_id" }`. */
  columns?: Record<string, string>;
  /** CSV only: 'utf8' | 'gb18030' | 'auto' (default: auto-detect UTF-8 with/without BOM, else GB18030). */
  encoding?: string;
}

export interface ReadContext {
  /** Non-fatal remarks for the user, e.g. "sheet 'Notes' ignored". Already translated. */
  onNotice(message: MessageRef): void;
  /**
   * false: never parse on a second thread. apply and plan say so: a run that then works for an hour gains nothing
   * from reading a few seconds sooner, and the thread's own heap (≈ 35 MB) would be most of its peak memory.
   */
  threads?: boolean;
}

/** A format adapter, registered in sources/index.ts with the file names it reads (loaded only when one is read). */
export interface SourceAdapter {
  name: string;
  /** Streams the non-empty rows. Throws InputError when the file cannot be read at all or a required column is missing. */
  read(input: SourceInput, ctx: ReadContext): AsyncIterable<InputRow>;
  /** The same rows in batches (see batches.ts), where the format reads them so. */
  readBatches?(input: SourceInput, ctx: ReadContext): RowBatches;
}

/** A leave/out type in the manifest catalog, referenced by a row's `type` column (by key or by any of its names). */
export interface CatalogEntry {
  uniq_id: string;
  i18n_names: { ch?: string; en?: string; ja?: string };
  default_locale?: 'ch' | 'en' | 'ja';
}

/** Settings that apply to every row of a run (from a manifest, else defaults). */
export interface Defaults {
  employee_type?: EmployeeType;
  default_locale?: 'ch' | 'en' | 'ja';
  catalog: { leaves: Record<string, CatalogEntry>; outs: Record<string, CatalogEntry> };
  /** The manifest's `scope:`: the dates (yyyyMMdd) and users a run answers for (reconcile, --prune). */
  scope?: { from?: string; to?: string; users?: 'inputs' | 'all' };
}

/** What the command line's inputs resolve to: files to stream, plus the defaults of any manifest among them. */
export interface ResolvedInputs {
  defaults: Defaults;
  /** Re-iterable: each call streams every row again (the results workbook re-reads the inputs). */
  rows(ctx: ReadContext): AsyncIterable<InputRow>;
  /** The same rows in batches: what validate reads (see batches.ts). */
  batches(ctx: ReadContext): RowBatches;
  /** The files involved (inputs and manifest sources), for hashing into the run record and naming default outputs. */
  files: string[];
}
