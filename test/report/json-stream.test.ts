import { PassThrough, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { writeJsonDocument } from '../../src/report/json-stream.js';

async function* items<T>(list: T[]): AsyncIterable<T> {
  for (const item of list) yield item;
}

async function written(doc: Record<string, unknown>, out: NodeJS.WritableStream = new PassThrough()): Promise<string> {
  const chunks: string[] = [];
  if (out instanceof PassThrough) out.on('data', (c: Buffer) => chunks.push(c.toString()));
  await writeJsonDocument(out, doc);
  return chunks.join('');
}

describe('writeJsonDocument', () => {
  const errors = Array.from({ length: 3000 }, (_, i) => ({ file: 'a.xlsx', sheet: '请假', row: i + 2, column: 'unit', message: `"weeks\n" ${'x'.repeat(i % 50)}`, nested: { a: [1, { b: null }], e: [] } }));

  it('prints what JSON.stringify(doc, null, 2) prints, with a streamed array in place', async () => {
    const plain = { valid: 1, invalid: 3000, errors, warnings: [], notices: ['a "quoted" notice'], report: null, skipped: undefined };
    const text = await written({ ...plain, errors: items(errors) });
    expect(text).toBe(`${JSON.stringify(plain, null, 2)}\n`);
  });

  it('prints an empty streamed array as []', async () => {
    const text = await written({ valid: 2, errors: items([]), report: '/tmp/x.xlsx' });
    expect(text).toBe(`${JSON.stringify({ valid: 2, errors: [], report: '/tmp/x.xlsx' }, null, 2)}\n`);
  });

  it('waits for a slow reader instead of piling the text up', async () => {
    const got: string[] = [];
    let most = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        got.push(chunk.toString());
        most = Math.max(most, slow.writableLength);
        void sleep(1).then(() => done());
      },
    });
    await writeJsonDocument(slow, { errors: items(errors) });
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(got.join('')).toBe(`${JSON.stringify({ errors }, null, 2)}\n`);
    expect(most).toBeLessThan(200_000);
  });
});
