// schemas/manifest.schema.json is what editors read; it must equal the schema the tool validates with.
// After changing src/fields.ts or src/sources/manifest-schema.ts: UPDATE_SCHEMA=1 npx vitest run test/sources/manifest-schema.test.ts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { FIELDS } from '../../src/fields.js';
import { manifestSchema } from '../../src/sources/manifest-schema.js';
import { KINDS } from '../../src/types.js';

const file = fileURLToPath(new URL('../../schemas/manifest.schema.json', import.meta.url));

it('the published manifest schema is the one the tool validates with', async () => {
  const expected = `${JSON.stringify(manifestSchema(), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA) await writeFile(file, expected);
  expect(await readFile(file, 'utf8')).toBe(expected);
});

it('describes every field of every kind, with enum names offered for completion', () => {
  const schema = manifestSchema() as { definitions: Record<string, { properties: Record<string, { description?: string; examples?: unknown[] }> }> };
  for (const kind of KINDS) {
    const props = schema.definitions[kind]!.properties;
    for (const spec of FIELDS[kind]) {
      expect(props[spec.name]?.description, `${kind}.${spec.name}`).toContain(spec.doc.en);
      if (spec.enum) expect(props[spec.name]?.examples).toEqual(expect.arrayContaining(spec.enum.map(([, names]) => names[0])));
    }
  }
});
