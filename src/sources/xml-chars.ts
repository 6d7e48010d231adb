// The character-level pieces of the XML scanner (xml-scan.ts): names, plain text, UTF-8 sequences and entities of
// UTF-8 byte text (xml-decode.ts).

/** `x:row` → `row`. No regex: this runs for every tag of a sheet. */
export function localName(name: string): string {
  if (name.length === 1) return name; // c, v, f, t, r: most tags, and too short to have a prefix
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Where the last whole UTF-8 sequence of byte text ends, at or before `end`. */
export function utf8End(bytes: string, end: number): number {
  for (let k = end - 1; k >= Math.max(0, end - 4); k--) {
    const c = bytes.charCodeAt(k);
    if (c < 0x80) return end;
    if (c >= 0xc0) return end - k >= (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) ? end : k; // a lead byte: its sequence whole?
  }
  return end; // no lead byte where one should be: not UTF-8 to wait for (decoded as it is)
}

/**
 * Where the first character of `s` in [from, to) that is not plain printable ASCII (a control character, `&`, `<`, or
 * a byte of a UTF-8 sequence) is; `to` if none. Values and cell texts are a few characters: a loop beats a regex call.
 */
export function plainUpTo(s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 38 || c === 60) return i;
  }
  return to;
}

export const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** The end of a tag name or attribute name: white space, `=`, `>`, `/`. */
export const endsName = (c: number) => c <= 32 || c === 61 || c === 62 || c === 47;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);)?/g;
/** Longer than any entity or character reference XML's five and Unicode allow (`&#x10FFFF;`). */
export const MAX_ENTITY_CHARS = 32;

/** Decodes the five XML entities and character references; any other `&` is an error (`fail`), as in saxes. */
export function decodeEntities(text: string, fail: (reason: string) => never): string {
  return text.replace(ENTITY, (_m, name: string | undefined) => {
    if (name === undefined) return fail('disallowed character in entity name');
    if (name[0] !== '#') return XML_ENTITIES[name] ?? fail('undefined entity');
    const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (!(cp > 0 && cp <= 0x10ffff)) return fail('malformed character entity');
    return String.fromCodePoint(cp);
  });
}

/**
 * Where a DOCTYPE whose name starts at `from` ends (after its `>`), or -1 if that has not arrived: the first `>`
 * outside quotes, comments, processing instructions and the internal subset `[ … ]`.
 */
export function doctypeEnd(s: string, from: number): number {
  let quote = 0;
  let depth = 0;
  for (let p = from; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 60 && (s.startsWith('!--', p + 1) || s.charCodeAt(p + 1) === 63)) {
      // Whatever a comment or processing instruction in the internal subset holds is not markup.
      const close = s.charCodeAt(p + 1) === 63 ? '?>' : '-->';
      const end = s.indexOf(close, p + close.length + 1);
      if (end < 0) return -1;
      p = end + close.length - 1;
    } else if (c === 91) depth++;
    else if (c === 93) depth--;
    else if (c === 62 && depth <= 0) return p + 1;
  }
  return -1;
}
