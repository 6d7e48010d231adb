// The JSON Schemas of schemas/*.schema.json, compiled once per process.
//
// What each schema validates (the README quotes this):
// - leaves, overtime, trips, outs: `{ user_id, date, ...item }`, the item of `user_approval.leaves` (…`overtime_works`,
//   `trips`, `outs`) with `idempotent_id` filled in, plus the `user_id` and `date` of the user_approval it goes in;
// - remedies: the whole `user_task_remedys` request body.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { KINDS, type Kind } from '../types.js';

/** The schema file of a kind, found relative to this module: works from src/ (vitest) and from dist/ (built). */
export const schemaUrl = (kind: Kind): URL => new URL(`../../schemas/${kind}.schema.json`, import.meta.url);

// allErrors: a row with three bad cells gets three problems in one pass. verbose: errors carry the offending
// value and its sub-schema (for the found value and the example in the message).
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
const validators = new Map<Kind, ValidateFunction>();
for (const kind of KINDS) {
  validators.set(kind, ajv.compile(JSON.parse(readFileSync(schemaUrl(kind), 'utf8')) as object));
}

/** Validates the object described above; returns ajv's errors (empty when valid). */
export function validateObject(kind: Kind, data: unknown): ErrorObject[] {
  const validate = validators.get(kind);
  if (!validate) throw new Error(`no schema for kind ${kind}`);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

export { schemaProblems } from './problems.js';
