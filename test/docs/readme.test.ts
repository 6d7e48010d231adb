// The README's input tables are generated from src/fields.ts, so the docs cannot drift from the code.
// After changing fields.ts: UPDATE_README=1 npx vitest run test/docs/readme.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS, REQUIRED_COLUMNS, SHEET_NAMES } from '../../src/fields.js';
import { KINDS } from '../../src/types.js';

const README = new URL('../../README.md', import.meta.url);
const START = '<!-- fields:start (generated from src/fields.ts by test/docs/readme.test.ts) -->';
const END = '<!-- fields:end -->';

function renderFields(): string {
  const out: string[] = [];
  for (const kind of KINDS) {
    const required = REQUIRED_COLUMNS[kind].map((c) => (typeof c === 'string' ? `\`${c}\`` : c.map((x) => `\`${x}\``).join(' or '))).join(', ');
    out.push(`#### Sheet \`${SHEET_NAMES[kind].join('` / `')}\``, '', `Required columns: ${required}.`, '');
    out.push('| column | also accepted | type | meaning |', '| --- | --- | --- | --- |');
    for (const f of FIELDS[kind]) {
      const names = f.enum ? ` — ${f.enum.map(([v, ns]) => `${v} = ${ns.join('/')}`).join('; ')}` : '';
      out.push(`| \`${f.name}\` | ${f.aliases.join(', ') || '—'} | ${f.type} | ${f.doc.en}${names} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

describe('README', () => {
  it('documents exactly the columns src/fields.ts accepts', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, 'README lacks the fields markers').toBeGreaterThan(-1);
    const generated = `${START}\n\n${renderFields()}\n${END}`;
    const current = text.slice(start, end + END.length);
    if (process.env.UPDATE_README && current !== generated) writeFileSync(README, text.replace(current, generated));
    else expect(current).toBe(generated);
  });
});
