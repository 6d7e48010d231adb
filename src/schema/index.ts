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
// Created and compiled on first use, one kind at a time: compiling all seven schemas costs ~0.1 s of startup that
// `--help`, a leaves-only workbook or a command that validates nothing should not pay.
let ajv: Ajv | undefined;
const validators = new Map<Kind, ValidateFunction>();

function validatorOf(kind: Kind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    if (!KINDS.includes(kind)) throw new Error(`no schema for kind ${kind}`);
    ajv ??= new Ajv({ allErrors: true, verbose: true, strict: true });
    validate = ajv.compile(JSON.parse(readFileSync(schemaUrl(kind), 'utf8')) as object);
    validators.set(kind, validate);
  }
  return validate;
}

/** Validates the object described above; returns ajv's errors (empty when valid). */
export function validateObject(kind: Kind, data: unknown): ErrorObject[] {
  const validate = validatorOf(kind);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

export { schemaProblems } from './problems.js';
