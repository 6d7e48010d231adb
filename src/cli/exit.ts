/** The documented exit codes (README "Exit codes"). */
export const EXIT = {
  /** Every row valid (validate, plan) or written (apply). */
  ok: 0,
  /** Some rows invalid or failed; the others were handled. */
  rowsFailed: 1,
  /** Usage or configuration error, or an input that cannot be read: nothing was done. */
  usage: 2,
} as const;
