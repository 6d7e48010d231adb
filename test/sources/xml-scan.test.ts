// The XML scanner every workbook part is read with (src/sources/xml-scan.ts): what it hands out, whatever the chunks
// cut through, and what it refuses, with the line and column.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOSE, MORE, OPEN, TEXT } from '../../src/sources/xml-scan.js';
import { scanned } from '../../src/sources/xml.js';

/** The tokens of `xml` fed in chunks of `size` bytes: `<name a="v">`, `</name>`, and text (pieces joined) in quotes. */
async function tokens(xml: string | Buffer, size: number, read: (name: string) => boolean = () => true): Promise<string[]> {
  const bytes = typeof xml === 'string' ? Buffer.from(xml) : xml;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: string[] = [];
  let open = '';
  for await (const scan of scanned(Readable.from(chunks), () => false)) {
    for (let t = scan.next(); t !== MORE; t = scan.next()) {
      if (t === OPEN) {
        open = scan.name;
        let attrs = '';
        for (let i = 0; i < scan.attrCount; i++) attrs += ` ${scan.attrName(i)}=${JSON.stringify(scan.attr(i))}`;
        out.push(`<${scan.name}${attrs}>`);
      } else if (t === CLOSE) out.push(`</${scan.name}>`);
      else if (read(open)) {
        const text = scan.text();
        const last = out.length - 1;
        if (out[last]?.startsWith('"')) out[last] = `${out[last]!.slice(0, -1)}${text}"`;
        else out.push(`"${text}"`);
      }
    }
  }
  return out;
}

/** The same tokens in every chunking: whole, one byte at a time, and a few sizes between. */
async function sameInEveryChunking(xml: string | Buffer): Promise<string[]> {
  const whole = await tokens(xml, 1 << 20);
  for (const size of [1, 2, 3, 7, 64]) expect(await tokens(xml, size), `chunks of ${size} bytes`).toEqual(whole);
  return whole;
}

const refused = async (xml: string | Buffer, reason: RegExp, sizes = [1, 5, 1 << 20]) => {
  for (const size of sizes) {
    await expect(tokens(xml, size), `chunks of ${size} bytes`).rejects.toMatchObject({ name: 'XmlError', reason: expect.stringMatching(reason), line: 1, column: expect.any(Number) });
  }
};

/** Each text's textNumber() (then its text()) and each attribute's attrInt() (then attr()), in chunks of `size`. */
async function numbers(xml: string, size: number): Promise<{ read: number; text: string }[]> {
  const bytes = Buffer.from(xml);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const out: { read: number; text: string }[] = [];
  for await (const scan of scanned(Readable.from(chunks), () => false)) {
    for (let t = scan.next(); t !== MORE; t = scan.next()) {
      if (t === TEXT) out.push({ read: scan.textNumber(), text: scan.text() });
      else if (t === OPEN) for (let i = 0; i < scan.attrCount; i++) out.push({ read: scan.attrInt(i), text: scan.attr(i) });
    }
  }
  return out;
}

describe('the XML scanner', () => {
  it('reads a number where it is exactly as Number() reads its text, and only plain decimals and digits', async () => {
    const plain = ['0', '-0', '7', '46023.375', '0.1', '.5', '5.', '-12.25', '123456789012345', '0.00000000000001', '99999999999999.9'];
    for (const v of plain) {
      const [attr, text] = await numbers(`<v s="${v}">${v}</v>`, 1 << 20);
      expect(Object.is(text!.read, Number(v)), v).toBe(true);
      expect(attr!.read, v).toBe(/^\d+$/.test(v) ? Number(v) : NaN);
    }
    // Anything else is left to text(): more than 15 digits, signs, exponents, spaces, entities, text in CDATA.
    for (const v of ['1234567890123456', '0.000000000000001', '+1', '1e5', ' 1', '1 ', '1.2.3', '-', '.', '', '&#49;', '<![CDATA[1]]>']) {
      expect((await numbers(`<v s="${v.replace(/[<&]/g, '')}">${v}</v>`, 1 << 20)).every((n) => Number.isNaN(n.read)), v).toBe(true);
    }
    // Whatever the text and the chunks: a number read is the number of the text.
    const digitsAndMore = fc.array(fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ' ', '&#50;'), { maxLength: 20 }).map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(digitsAndMore, fc.integer({ min: 1, max: 9 }), async (v, size) => {
        for (const n of await numbers(`<w><v s="${v.replace('&#50;', '2')}">${v}</v></w>`, size)) {
          if (!Number.isNaN(n.read)) expect(Object.is(n.read, Number(n.text)), JSON.stringify(v)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads every construct of XML, wherever the chunks cut', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<!DOCTYPE w [ <!ENTITY e "x>y"> <!-- ] > --> ]>\n',
      '<!-- a comment with <tags> & ampersands -->\n',
      "<x:w xmlns:x='urn:x' a = \"1 > 0\" b='it&apos;s'  >",
      '<?pi some > thing?>',
      '<x:row r="2" spans="1:3"><x:c r="A2"/><x:c r="B2" t="s"><x:v>7</x:v></x:c></x:row >',
      '<t xml:space="preserve"><![CDATA[a <b> & ]] c]]> &amp; &#x5E74;&#20551;</t>',
      '</x:w>\n<!-- after -->\n',
    ].join('');
    expect(await sameInEveryChunking(xml)).toEqual([
      '<w xmlns:x="urn:x" a="1 > 0" b="it\'s">',
      '<row r="2" spans="1:3">', '<c r="A2">', '</c>', '<c r="B2" t="s">', '<v>', '"7"', '</v>', '</c>', '</row>',
      '<t xml:space="preserve">', '"a <b> & ]] c & 年假"', '</t>',
      '</w>',
    ]);
  });

  it('decodes UTF-8 split anywhere, UTF-16 either way round, and a byte-order mark', async () => {
    const xml = '<w a="年假 ✓"><t>请假 😀 x</t></w>';
    const expected = ['<w a="年假 ✓">', '<t>', '"请假 😀 x"', '</t>', '</w>'];
    expect(await sameInEveryChunking(xml)).toEqual(expected);
    expect(await sameInEveryChunking(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]))).toEqual(expected);
    expect(await sameInEveryChunking(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]))).toEqual(expected);
    expect(await sameInEveryChunking(Buffer.from(xml, 'utf16le').swap16())).toEqual(expected);
  });

  it('normalises line ends and attribute values as XML does', async () => {
    expect(await sameInEveryChunking('<w a="x\r\ny\tz&#10;"><t>a\r\nb\rc&#13;</t></w>')).toEqual(['<w a="x y z\\n">', '<t>', '"a\nb\nc\r"', '</t>', '</w>']);
  });

  it('checks the entities of text nobody reads', async () => {
    expect(await tokens('<w><f>&amp;</f></w>', 3, (name) => name !== 'f')).toEqual(['<w>', '<f>', '</f>', '</w>']);
    await expect(tokens('<w><f>&nbsp;</f></w>', 3, (name) => name !== 'f')).rejects.toMatchObject({ reason: 'undefined entity' });
  });

  it.each([
    ['a close tag out of order', '<w><a></w></a>', /unmatched closing tag: w/],
    ['a close tag with no open one', '<w></w></a>', /unexpected close tag/],
    ['a second root', '<w/><w/>', /only one root/],
    ['text outside the root', '<w/>x', /text data outside of root node/],
    ['text before the root', 'x<w/>', /text data outside of root node/],
    ['CDATA outside the root', '<w/><![CDATA[x]]>', /text data outside of root node/],
    ['an unquoted value', '<w a=1/>', /unquoted attribute value/],
    ['an attribute without a value', '<w a/>', /attribute without value/],
    ['attributes run together', '<w a="1"b="2"/>', /no whitespace between attributes/],
    ['a < in a value', '<w a="<"/>', /disallowed character in attribute value/],
    ['a tag without a name', '<w>< a/></w>', /disallowed character in tag name/],
    ['a stray slash', '<w / >', /forward-slash in opening tag not followed by >/],
    ['an undefined entity', '<w>&nbsp;</w>', /undefined entity/],
    ['a bare ampersand', '<w>a & b</w>', /disallowed character in entity name/],
    ['an entity of the DOCTYPE', '<!DOCTYPE w [<!ENTITY e "x">]><w>&e;</w>', /undefined entity/],
    ['a character reference to nothing', '<w>&#0;</w>', /malformed character entity/],
    ['a DOCTYPE inside the root', '<w><!DOCTYPE w></w>', /inappropriately located doctype/],
    ['a tag left open', '<w><a>', /unclosed tag: a/],
    ['a tag cut off', '<w><a b="1', /unclosed tag: w/],
    ['a comment cut off', '<w><!-- x', /unclosed tag: w/],
    ['nothing at all', '', /must contain a root element/],
    ['only a comment', '<!-- x -->', /must contain a root element/],
  ])('refuses %s', async (_what, xml, reason) => refused(xml, reason));

  it('says the line and column where the XML broke', async () => {
    await expect(tokens('<w>\n<a>\n  <b></a>', 4)).rejects.toMatchObject({ reason: 'unmatched closing tag: a', line: 3, column: 6 });
  });

  it('bounds what it holds, in time linear in the input however it is cut: a tag over 1 M characters, a DOCTYPE over 64 K, a comment over 16 M', async () => {
    // Cut in 3-byte pieces, a quote or `>` arrives in nearly every one: a tag tried again at each would be quadratic.
    await refused(`<w><a b="${'x'.repeat(1 << 20)}"/></w>`, /a tag longer than 1 M characters/, [3, 1 << 20]);
    await refused(`<w><a ${'b="1" '.repeat(1 << 18)}/></w>`, /a tag longer than 1 M characters/, [3, 1 << 20]);
    await refused(`<!DOCTYPE w [${'<!ENTITY a "b">'.repeat(1 << 13)}]><w/>`, /a DOCTYPE longer than 64 K characters/, [3, 1 << 20]);
    // Just under the limits, all is read.
    expect(await tokens(`<w><a ${'b="1" '.repeat(170_000)}/></w>`, 3)).toHaveLength(4);
    const comment = Buffer.from(`<w><!--${'x'.repeat((1 << 24) + 10)}--></w>`);
    await expect(tokens(comment, 1 << 16)).rejects.toMatchObject({ reason: 'a comment, processing instruction or CDATA section longer than 16 M characters' });
  });
});
