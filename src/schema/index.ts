// The JSON Schemas of schemas/*.schema.json, compiled once per process.
//
// What each schema validates (the README quotes this):
// - leaves, overtime, trips, outs: `{ user_id, date, ...item }`, the item of `user_approval.leaves` (…`overtime_works`,
//   `trips`, `outs`) with `idempotent_id` filled in, plus the `user_id` and `date` of the user_approval it goes in;
// - remedies: the whole `user_task_remedys` request body.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { KINDS, type Kind } from '../types.js';

/** The schema file of a kind, found relative to this module: works from src/ (vitest) and from dist/ (built). */
export const schemaUrl = (kind: Kind): URL => new URL(`../../schemas/${kind}.schema.json`, import.meta.url);

export const readSchema = (kind: Kind): object => JSON.parse(readFileSync(schemaUrl(kind), 'utf8')) as object;

// allErrors: a row with three bad cells gets three problems in one pass. verbose: errors carry the offending
// value and its sub-schema (for the found value and the example in the message).
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true };

// The validators are compiled at build time (standalone.ts → validators.cjs beside this module). Running from the
// TypeScript sources (vitest) there is no such file: ajv compiles each kind on its first use instead, one at a time.
// test/schema/standalone.test.ts holds the two to the same errors.
const require = createRequire(import.meta.url);
let precompiled: Partial<Record<Kind, ValidateFunction>> | null | undefined;
let ajv: Ajv | undefined;
const validators = new Map<Kind, ValidateFunction>();

function validatorOf(kind: Kind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    if (!KINDS.includes(kind)) throw new Error(`no schema for kind ${kind}`);
    // ajv itself (≈ 50 ms to import) is loaded only here, where it is needed.
    validate = precompiledOf(kind) ?? (ajv ??= new (require('ajv') as typeof import('ajv')).Ajv(AJV_OPTIONS)).compile(readSchema(kind));
    validators.set(kind, validate);
  }
  return validate;
}

function precompiledOf(kind: Kind): ValidateFunction | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = require('./validators.cjs') as Partial<Record<Kind, ValidateFunction>>;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'MODULE_NOT_FOUND') throw e;
      precompiled = null;
    }
  }
  return precompiled?.[kind];
}

/** Validates the object described above; returns ajv's errors (empty when valid). */
export function validateObject(kind: Kind, data: unknown): ErrorObject[] {
  const validate = validatorOf(kind);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

export { schemaProblems } from './problems.js';
