// The library API: everything the CLI does is callable from here, with events instead of printing.
export { validateInputs, rowKey, type ValidateOptions, type ValidationResult } from './run/validate.js';
export { buildPlan, type Plan } from './plan/plan.js';
export { resolveInputs } from './sources/index.js';
export { writeErrorReport } from './report/errors.js';
export { writeTemplate } from './report/template.js';
export { ConfigError, InputError } from './errors.js';
export { setLang, t } from './messages/index.js';
export { FIELDS, ENUMS, SHEET_NAMES, REQUIRED_COLUMNS } from './fields.js';
export * from './types.js';
