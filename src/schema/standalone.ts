// Build step (`npm run build` runs this module after tsc): the validator of every kind's schema, as ajv's standalone
// code, written to validators.cjs beside the compiled schema/index.js. Loading it takes a few milliseconds; importing
// ajv and compiling one schema took ≈ 100 ms of every run, and each further kind of a workbook ≈ 50 ms more.
// CommonJS because it is loaded synchronously, on the first row, and the code ajv writes `require`s its runtime.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { KINDS } from '../types.js';
import { AJV_OPTIONS, readSchema } from './index.js';

/** The module's source: one export per kind. */
export function validatorsModule(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  for (const kind of KINDS) ajv.addSchema(readSchema(kind), kind);
  return standaloneCode.default(ajv, Object.fromEntries(KINDS.map((kind) => [kind, kind])));
}

export const VALIDATORS_FILE = 'validators.cjs';

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(new URL(`./${VALIDATORS_FILE}`, import.meta.url), validatorsModule());
