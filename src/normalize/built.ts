// What building a row's API object gives: shared by build.ts and the lifecycle kinds' builders (lifecycle.ts).
import type { Problem, RemedyStatus } from '../types.js';

export interface Built {
  body: Record<string, unknown>;
  /** yyyyMMdd the record is grouped under. */
  date?: string;
  status?: RemedyStatus;
  /** Fields whose schema errors follow from a problem already reported (or a default that could not be computed). */
  skip: Set<string>;
  problems: Problem[];
  warnings: Problem[];
}
