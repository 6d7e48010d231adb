// The XML scanner (src/sources/xml-scan.ts) is ours: held here to saxes, a conforming XML parser, on generated
// well-formed documents (fast-check) cut into random pieces: the same tags, attributes and text, in the same order.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { CLOSE, MORE, OPEN } from '../../src/sources/xml-scan.js';
import { scanned } from '../../src/sources/xml.js';

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** What saxes reads inside the root: `<name a="v">`, `</name>`, text runs joined (CDATA is text). */
function oracle(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  const text = (t: string) => {
    if (depth === 0) return;
    const last = out.length - 1;
    if (out[last]?.startsWith('"')) out[last] = `${out[last]!.slice(0, -1)}${t}"`;
    else out.push(`"${t}"`);
  };
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    depth++;
    out.push(`<${local(tag.name)}${Object.entries(tag.attributes).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}>`);
  });
  parser.on('closetag', (tag) => {
    depth--;
    out.push(`</${local(tag.name)}>`);
  });
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return out.filter((t) => t !== '""');
}

/** What our scanner reads from the UTF-8 bytes of `xml`, fed in the given pieces. */
async function ours(xml: string, cuts: number[]): Promise<string[]> {
  const bytes = Buffer.from(xml);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (at >= bytes.length) break;
    chunks.push(bytes.subarray(at, at + cut));
    at += cut;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  const out: string[] = [];
  for await (const scan of scanned(Readable.from(chunks), () => false)) {
    for (let t = scan.next(); t !== MORE; t = scan.next()) {
      if (t === OPEN) {
        let attrs = '';
        for (let i = 0; i < scan.attrCount; i++) attrs += ` ${scan.attrName(i)}=${JSON.stringify(scan.attr(i))}`;
        out.push(`<${scan.name}${attrs}>`);
      } else if (t === CLOSE) out.push(`</${scan.name}>`);
      else {
        const text = scan.text();
        const last = out.length - 1;
        if (out[last]?.startsWith('"')) out[last] = `${out[last]!.slice(0, -1)}${text}"`;
        else out.push(`"${text}"`);
      }
    }
  }
  return out.filter((t) => t !== '""');
}

// Pieces of text as a workbook holds them: ASCII, Chinese, an emoji, markup characters escaped or literal where XML
// allows them, line ends of every kind, tabs.
const TEXT_PIECES = ['a', 'E001', '年假', '😀', ' ', '\t', '\n', '\r\n', '\r', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#x5E74;', '&#20551;', '&#13;', '&#10;', '>', ']]', '"', "'", 'é'];
const text = fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 8 }).map((p) => p.join(''));
const NAMES = ['w', 'c', 'v', 't', 'row', 'x:row', 'x:c', 'sheetData', 'a_b', 'a.b-c'];
const ATTRS = ['r', 't', 's', 'spans', 'x14ac:dyDescent', 'xml:space', 'r:id'];

const attrs = fc.uniqueArray(fc.constantFrom(...ATTRS), { maxLength: 4 }).chain((names) =>
  fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), text, fc.constantFrom('"', "'"), fc.constantFrom(' ', '  ', '\n', '\t')))),
);
const quoteValue = (v: string, q: string) => v.replace(/"/g, q === '"' ? '&quot;' : '"').replace(/'/g, q === "'" ? '&apos;' : "'").replace(/</g, '&lt;');

const { element } = fc.letrec<{ element: string; node: string }>((tie) => ({
  element: fc
    .tuple(fc.constantFrom(...NAMES), attrs, fc.array(tie('node'), { maxLength: 4 }), fc.boolean(), fc.constantFrom('', ' ', '\n'))
    .map(([name, as, children, selfClose, space]) => {
      const a = as.map(([n, v, q, ws]) => `${ws}${n}${space}=${space}${q}${quoteValue(v, q)}${q}`).join('');
      return selfClose && children.length === 0 ? `<${name}${a}${space}/>` : `<${name}${a}${space}>${children.join('')}</${name}${space}>`;
    }),
  // The first choice is a leaf: past the depth, oneof takes it.
  node: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'xml' },
    // `]]>` may not stand in text (saxes refuses it, we do not), and two texts side by side could make one.
    { weight: 3, arbitrary: text.map((t) => t.replace(/\]\]/g, '] ]')) },
    { weight: 3, arbitrary: tie('element') },
    { weight: 1, arbitrary: text.map((t) => `<![CDATA[${t.replace(/&/g, '+').replace(/\]\]/g, '] ]')}]]>`) },
    { weight: 1, arbitrary: text.map((t) => `<!--${t.replace(/-/g, '=')}-->`) },
    { weight: 1, arbitrary: text.map((t) => `<?pi ${t.replace(/\?>/g, '? >')}?>`) },
  ),
}));

const document = fc
  .tuple(fc.boolean(), fc.boolean(), element, fc.constantFrom('', '\n', '\r\n  '))
  .map(([decl, doctype, root, ws]) => `${decl ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' : ''}${ws}${doctype ? '<!DOCTYPE w [ <!ENTITY e "x>y"> <!-- ] > --> ]>' : ''}${ws}${root}${ws}`);

describe('the XML scanner against saxes', () => {

  it('reads every well-formed document as saxes does, however it is cut', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 200 }), async (xml, cuts) => {
        expect(await ours(xml, cuts)).toEqual(oracle(xml));
      }),
      { numRuns: 1000 },
    );
  });
});
