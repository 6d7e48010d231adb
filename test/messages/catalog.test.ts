// Every user-facing text comes from the one catalog: no id defined twice, both languages present, and every
// id the code asks for exists (a missing one would throw at the worst moment: while reporting an error).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/messages/index.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('message catalog', () => {
  const parts = files(join(SRC, 'messages')).filter((f) => !/\/(index|catalog)\.ts$/.test(f));

  it('defines each id once, in English and Chinese', () => {
    const seen = new Map<string, string>();
    for (const file of parts) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*'([\w.-]+)':\s*\{/gm)) {
        const id = m[1] ?? '';
        expect(seen.get(id), `${id} defined in ${seen.get(id)} and ${file}`).toBeUndefined();
        seen.set(id, file);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
  });

  it('has every id the code uses', () => {
    const missing: string[] = [];
    for (const file of files(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
        if (!hasMessage(m[1] ?? '')) missing.push(`${m[1]} (${file.replace(SRC, 'src/')})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
