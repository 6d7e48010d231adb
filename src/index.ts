// The library API: everything the CLI does is callable from here, with events instead of printing. Results are plain
// data: row statuses, and messages as a catalog id with parameters (MessageRef), never text. Only the caller renders
// them (`render(message, 'zh')`, `reasonText(outcome)`), as the CLI and the workbook writers do.
export { validateInputs as validate, validateInputs, rowKey, type ValidateOptions, type ValidationResult } from './run/validate.js';
export { plan, type PlanOptions, type PlanResult, type PlanSlice } from './run/plan.js';
export { apply, type ApplyOptions, type ApplyResult, type ApplyEvents } from './run/apply.js';
export { undo, type UndoOptions, type UndoResult } from './run/undo.js';
export { verify, type VerifyOptions, type VerifyResult } from './verify/verify.js';
export { history, type HistoryResult } from './verify/history.js';
export { startSandbox, SANDBOX_DIALECTS, DIALECTS, type Sandbox, type SandboxOptions, type Dialect, type DialectName } from './sandbox/index.js';
export { reconcile, scopeOf, totals, type Reconciliation, type RowAction, type RecordAction, type HeldRecord, type ServerView, type Scope, type FieldChange } from './reconcile/index.js';
export type { ScopeOptions } from './run/reconciled.js';
export type { RunEvents } from './run/events.js';
export type { PrunedRecord } from './run/prune.js';
export type { ConfirmCounts } from './confirm/index.js';
export { buildPlan, type Plan } from './plan/plan.js';
export { resolveInputs } from './sources/index.js';
export { writeErrorReport } from './report/errors.js';
export { writeTemplate } from './report/template.js';
export { ConfigError, InputError } from './errors.js';
export { setLang, t, render, reasonText, problemText } from './messages/index.js';
export type { MessageRef, Param, Params } from './messages/said.js';
export { FIELDS, ENUMS, SHEET_NAMES, REQUIRED_COLUMNS } from './fields.js';
export * from './types.js';
