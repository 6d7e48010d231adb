// A JSON document written piece by piece, byte for byte what `JSON.stringify(doc, null, 2)` would print, so an
// `errors` array of 100,000 problems streams to stdout instead of being built as one string of hundreds of MB.
import { once } from 'node:events';

const CHUNK = 1 << 16;

/** Writes `doc`; a top-level value that is an AsyncIterable is written as an array, one item at a time. */
export async function writeJsonDocument(out: NodeJS.WritableStream, doc: Record<string, unknown>): Promise<void> {
  let buffered = '';
  const put = async (text: string) => {
    buffered += text;
    if (buffered.length < CHUNK) return;
    const ok = out.write(buffered);
    buffered = '';
    // Waiting for the reader keeps memory flat when stdout is a slow pipe.
    if (!ok) await once(out, 'drain');
  };
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) return void out.write('{}\n');
  await put('{');
  for (const [i, [key, value]] of entries.entries()) {
    await put(`${i ? ',' : ''}\n  ${JSON.stringify(key)}: `);
    if (!isAsyncIterable(value)) {
      await put(indent(JSON.stringify(value, null, 2), '  '));
      continue;
    }
    let n = 0;
    for await (const item of value) await put(`${n++ ? ',' : '['}\n    ${indent(JSON.stringify(item ?? null, null, 2), '    ')}`);
    await put(n ? '\n  ]' : '[]');
  }
  await put('\n}\n');
  if (buffered) out.write(buffered);
}

function indent(text: string, by: string): string {
  return text.replaceAll('\n', `\n${by}`);
}

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
}
