// The XML scanner of every part of a workbook. A sheet is tens of megabytes of one small vocabulary (`<row r=…><c r=…
// t=…><v>…</v></c>`) and its tags, not its text, are most of it. A general tokenizer walks every character of every
// tag through a state machine and calls back for each piece: htmlparser2's Tokenizer took 300–420 ms of a 100,000-row
// validate, more than anything else, and saxes, saxen, sax-wasm, saxophone, txml and ltx were no faster (bench:parse,
// BENCHMARKS.md). Here each construct is found with indexOf (native, vectorised), only what the reader asks for
// becomes a string, and the reader pulls tokens (`next()`) rather than being called back: its loop and this one stay
// monomorphic whatever else is parsed in the process, which callbacks shared by several parts' handlers did not.
//
// It is a whole XML scanner, not a subset: prolog, DOCTYPE, comments, processing instructions, CDATA, prefixes,
// either quote, white space wherever XML allows it. It refuses what saxes refused that a sheet can hold: tags
// closed out of order, a second root, text outside the root, attributes without a quoted value, `<` in a value, and
// any entity but XML's five and character references (a DOCTYPE's own are not defined, so no entity bomb). Line
// ends and attribute values are normalised as XML says. Every held piece is bounded.
import { fromBytes, NON_ASCII } from './xml-decode.js';
import { MAX_ENTITY_CHARS, decodeEntities, doctypeEnd, endsName, isSpace, localName, plainUpTo, utf8End } from './xml-chars.js';
import { Waiting } from './xml-wait.js';
import { XmlError } from './xlsx-errors.js';

/** What `next()` found. */
export const MORE = 0; // nothing until more input is written (or, after `end()`, nothing at all)
export const OPEN = 1; // a start tag: `name`, and `attrCount` attributes (`attrKey`, `attrName`, `attr`)
export const CLOSE = 2; // an end tag (a self-closing tag gives OPEN then CLOSE): `name`
export const TEXT = 3; // character data or CDATA inside the root, maybe in pieces: `text()` if wanted

/** A tag, comment, CDATA section or DOCTYPE is held whole until it ends: this far and no further. */
const MAX_HELD_CHARS = 1 << 24;
const TOO_LONG = 'a comment, processing instruction or CDATA section longer than 16 M characters';
/** A tag is looked through from its start each time it is tried: kept small (1 M characters; a DOCTYPE 64 K). */
const MAX_TAG_CHARS = 1 << 20;
const MAX_DOCTYPE_CHARS = 1 << 16;
/** A tag that may have ended is tried again once this much more has arrived, or as much as it already holds. */
const RETRY_CHARS = 1 << 14;
const DECLARATIONS = ['<!--', '<![CDATA[', '<!DOCTYPE'];
/** 10^0 … 10^15, each exact (made by multiplying: no pow to trust). */
const POW10 = [1];
for (let k = 1; k < 16; k++) POW10.push(POW10[k - 1]! * 10);

export class XmlScanner {
  /** The tag of an OPEN or CLOSE, by local name. */
  name = '';
  /**
   * The attributes of an OPEN, read until the next call of `next()`. Each is kept as where its raw name and value are
   * in the input (4 numbers per attribute, reused from tag to tag): only those the reader asks for become strings.
   */
  attrCount = 0;
  private readonly attrAt: number[] = [];

  /** Input not consumed yet, and where it starts in the part; `pos`: where scanning goes on in it. */
  private buf = '';
  private bufAt = 0;
  private pos = 0;
  private last = false;
  private ended = false;
  /** Newlines in the input consumed, and where the last of them is: for the line and column of an error. */
  private lines = 0;
  private lastNewline = -1;
  /** Where in the part the token being handled starts. */
  private at = 0;
  /** An unfinished construct at the start of `buf`, waiting for the rest of itself. */
  private readonly waiting = new Waiting();
  /** Where the next `&` of `buf` is (-1: none), so that text is searched for entities only once. */
  private amp = -1;
  /** The open elements' names as written, and as local names (`name` of their CLOSE). */
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private rootSeen = false;
  /** A self-closing tag's CLOSE, due at the next call. */
  private closeDue = false;
  /** The TEXT token: its range of `buf`, whether it holds an entity, whether it is CDATA, whether it was read. */
  private textStart = 0;
  private textEnd = 0;
  private textEntity = false;
  private textCdata = false;
  private textUnread = false;

  write(text: string): void {
    if (this.waiting.term) {
      if (this.waiting.add(text, this.buf.length, RETRY_CHARS, (reason) => this.fail(reason))) this.resume();
      return;
    }
    this.consume(this.pos);
    this.buf = this.buf.length ? this.buf + text : text;
    this.amp = -2; // unknown: looked for at the first text
  }

  /** No more input: `next()` hands out what is left, then checks the document is complete. */
  end(): void {
    if (this.waiting.term) this.resume(); // a last try with all there is
    this.consume(this.pos);
    this.last = true;
    this.amp = -2;
  }

  private resume(): void {
    this.buf += this.waiting.take();
    this.amp = -2;
  }

  /** The next token, or MORE. Throws XmlError where the XML breaks. */
  next(): number {
    if (this.textUnread) this.checkUnread();
    if (this.closeDue) {
      this.closeDue = false;
      this.pop(this.stack[this.stack.length - 1]!);
      return CLOSE;
    }
    if (this.waiting.term) return MORE;
    const buf = this.buf;
    for (;;) {
      const i = this.pos;
      const lt = buf.indexOf('<', i);
      if (lt < 0) return this.tailText(i);
      if (lt > i && this.textToken(i, lt)) return TEXT;
      this.at = this.bufAt + lt;
      const token = this.markup(lt);
      if (token !== MORE) return token;
      if (this.waiting.term) return MORE;
    }
  }

  /** The character of attribute `i`'s name if it is one character long (`r`, `t`, `s` of a cell), else -1. */
  attrKey(i: number): number {
    const start = this.attrAt[4 * i]!;
    return this.attrAt[4 * i + 1]! - start === 1 ? this.buf.charCodeAt(start) : -1;
  }

  /** The raw name of attribute `i` (with its prefix). */
  attrName(i: number): string {
    const name = this.buf.slice(this.attrAt[4 * i], this.attrAt[4 * i + 1]);
    return NON_ASCII.test(name) ? fromBytes(name) : name;
  }

  /** The value of attribute `i`: normalised, entities decoded. */
  attr(i: number): string {
    const start = this.attrAt[4 * i + 2]!;
    const end = this.attrAt[4 * i + 3]!;
    const raw = this.buf.slice(start, end);
    return plainUpTo(this.buf, start, end) === end ? raw : this.attrValue(raw);
  }

  /** The length of attribute `i`'s raw value, and its character `k` (NaN past the end): to read it without a string. */
  attrLength(i: number): number {
    return this.attrAt[4 * i + 3]! - this.attrAt[4 * i + 2]!;
  }

  /** Attribute `i` as a whole number written in plain digits (a row's `r`, a cell's `s`) without a string; else NaN. */
  attrInt(i: number): number {
    const start = this.attrAt[4 * i + 2]!;
    const end = this.attrAt[4 * i + 3]!;
    if (end === start || end - start > 15) return NaN;
    let n = 0;
    for (let k = start; k < end; k++) {
      const c = this.buf.charCodeAt(k);
      if (c < 48 || c > 57) return NaN;
      n = n * 10 + c - 48;
    }
    return n;
  }

  attrCode(i: number, k: number): number {
    return k < this.attrLength(i) ? this.buf.charCodeAt(this.attrAt[4 * i + 2]! + k) : NaN;
  }

  /**
   * The TEXT token as a number, read where it is (no string: a sheet has a `<v>` number in most cells), when it is a
   * plain decimal (`-12.375`: at most 15 digits) and an end tag follows it (whether text came before it, in the same
   * element, the caller knows); NaN otherwise, and `text()` tells. Exactly `Number(text())`: the digits make an
   * integer below 2^53 and 10^k (k ≤ 15) is exact, so the one division rounds correctly.
   */
  textNumber(): number {
    const buf = this.buf;
    const end = this.textEnd;
    if (buf.charCodeAt(end) !== 60 || buf.charCodeAt(end + 1) !== 47) return NaN;
    let i = this.textStart;
    const negative = buf.charCodeAt(i) === 45;
    if (negative) i++;
    let m = 0;
    let digits = 0;
    let scale = -1; // digits after the point; -1: no point yet
    for (; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        m = m * 10 + c - 48;
        digits++;
        if (scale >= 0) scale++;
      } else if (c === 46 && scale < 0) scale = 0;
      else return NaN;
    }
    if (digits === 0 || digits > 15) return NaN;
    this.textUnread = false;
    const n = scale > 0 ? m / POW10[scale]! : m;
    return negative ? -n : n;
  }

  /**
   * Right after the OPEN of an element (no `next()` since), reads its content at once when it is what most cells of
   * a sheet hold: one child element `child`, without attributes, holding text only, then the element's end —
   * `<v>46023.375</v></c>`. True: the child's text is the TEXT token (`text()`, `textNumber()`), and the child's
   * OPEN and CLOSE and the element's CLOSE are not handed out (`name` is the element's). False, having read nothing,
   * for anything else, or anything not all arrived yet: the tokens come one by one as ever. It checks exactly what
   * those tokens would have: the names, and the text's entities (when it is read, or at the next call).
   */
  textOnly(child: string): boolean {
    const open = this.stack[this.stack.length - 1];
    if (this.closeDue || this.textUnread || this.waiting.term || open === undefined) return false;
    const buf = this.buf;
    const p = this.pos;
    const start = p + child.length + 2;
    if (buf.charCodeAt(p) !== 60 || buf.charCodeAt(start - 1) !== 62 || !buf.startsWith(child, p + 1)) return false;
    const end = buf.indexOf('<', start);
    if (end <= start) return false; // nothing there yet, or an empty child: one by one
    const childEnd = this.endTagEnd(end, child);
    const openEnd = childEnd < 0 ? -1 : this.endTagEnd(childEnd, open);
    if (openEnd < 0) return false;
    this.textToken(start, end);
    this.pos = openEnd;
    this.closeOpen();
    return true;
  }

  /** The text of the TEXT token: line ends normalised, entities decoded. */
  text(): string {
    this.textUnread = false;
    let text = this.buf.slice(this.textStart, this.textEnd);
    if (plainUpTo(this.buf, this.textStart, this.textEnd) < this.textEnd) {
      if (NON_ASCII.test(text)) text = fromBytes(text);
      if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n'); // (a CR written as &#13; is kept: decoded after)
    }
    return this.textEntity ? this.entities(text) : text;
  }

  /** Throws `e`; a reader's own XmlError, made without a position (`line` 0), gets the place of the last token. */
  located(e: unknown): never {
    if (e instanceof XmlError && e.line === 0) this.fail(e.reason);
    throw e;
  }

  /**
   * An error of the reader's own about the token just handed out (a cell outside the sheet), at its place. Columns
   * count bytes of UTF-8, as libxml2's do: only a line with non-ASCII text before the fault tells the difference.
   */
  fail(reason: string, at = this.at): never {
    let line = this.lines + 1;
    let lastNewline = this.lastNewline;
    const buf = this.buf;
    for (let i = buf.indexOf('\n'); i >= 0 && this.bufAt + i < at; i = buf.indexOf('\n', i + 1)) {
      line++;
      lastNewline = this.bufAt + i;
    }
    throw new XmlError(reason, line, Math.max(1, at - lastNewline));
  }

  /** Text nobody read: an undefined entity in it is still an error. */
  private checkUnread(): void {
    this.textUnread = false;
    if (this.textEntity && !this.textCdata) this.entities(this.buf.slice(this.textStart, this.textEnd));
  }

  /**
   * Text up to the end of what arrived: a CR, an entity or a UTF-8 sequence it ends with may go on in the next piece,
   * so they wait for it.
   */
  private tailText(i: number): number {
    const buf = this.buf;
    let end = buf.length;
    if (!this.last) {
      const amp = buf.lastIndexOf('&');
      if (amp >= i && buf.indexOf(';', amp) < 0 && end - amp < MAX_ENTITY_CHARS) end = amp;
      else if (buf.charCodeAt(end - 1) === 13) end--;
      else if (buf.charCodeAt(end - 1) >= 0x80) end = utf8End(buf, end);
    }
    if (end > i && this.textToken(i, end)) return TEXT;
    if (this.last && !this.ended) {
      this.ended = true;
      const open = this.stack[this.stack.length - 1];
      if (open !== undefined) this.fail(`unclosed tag: ${fromBytes(open)}`, this.bufAt + buf.length);
      if (!this.rootSeen) this.fail('document must contain a root element', this.bufAt + buf.length);
    }
    return MORE;
  }

  /** Text [start, end): a TEXT token inside the root (true); outside it, only white space is allowed (false). */
  private textToken(start: number, end: number): boolean {
    this.pos = end;
    this.at = this.bufAt + start;
    if (this.stack.length === 0) {
      // A byte-order mark counts as white space here.
      if (/\S/.test(this.buf.slice(start, end))) this.fail('text data outside of root node');
      return false;
    }
    if (this.amp === -2 || (this.amp >= 0 && this.amp < start)) this.amp = this.buf.indexOf('&', start);
    this.textStart = start;
    this.textEnd = end;
    this.textEntity = this.amp >= 0 && this.amp < end;
    this.textCdata = false;
    this.textUnread = true;
    return true;
  }

  /** The construct at `lt` (a `<`): its token, or MORE having skipped it (or waiting for the rest of it). */
  private markup(lt: number): number {
    const buf = this.buf;
    const c = buf.charCodeAt(lt + 1);
    if (c === 47) return this.closeTag(lt);
    if (c === 63) return this.skipTo(lt, '?>', lt + 2); // a processing instruction (the XML declaration among them)
    if (c === 33) {
      if (buf.startsWith('!--', lt + 1)) return this.skipTo(lt, '-->', lt + 4);
      if (buf.startsWith('![CDATA[', lt + 1)) return this.cdata(lt);
      // Too little to tell which `<!` this is: wait for more.
      if (buf.length - lt < 9 && DECLARATIONS.some((d) => d.startsWith(buf.slice(lt, lt + d.length)))) return this.wait(lt, '>');
      return this.doctype(lt);
    }
    if (lt + 1 >= buf.length) return this.wait(lt, '>');
    if (endsName(c) || c === 60) this.fail('disallowed character in tag name');
    return this.startTag(lt);
  }

  /** Remembers what the unfinished construct at `lt` needs (`exact`: the first `term` ends it), and lets go of what is before it. */
  private wait(lt: number, term: string, exact = false, limit = MAX_TAG_CHARS, tooLong = 'a tag longer than 1 M characters'): number {
    if (this.buf.length - lt > limit) this.fail(tooLong);
    if (this.last) this.fail(this.stack.length ? `unclosed tag: ${fromBytes(this.stack[this.stack.length - 1]!)}` : 'unexpected end of the document');
    this.consume(lt);
    this.waiting.start(term, exact, limit, tooLong, this.buf);
    return MORE;
  }

  private skipTo(lt: number, term: string, from: number): number {
    const end = this.buf.indexOf(term, from);
    if (end < 0) return this.wait(lt, term, true, MAX_HELD_CHARS, TOO_LONG);
    this.pos = end + term.length;
    return MORE;
  }

  private cdata(lt: number): number {
    const end = this.buf.indexOf(']]>', lt + 9);
    if (end < 0) return this.wait(lt, ']]>', true, MAX_HELD_CHARS, TOO_LONG);
    this.pos = end + 3;
    if (this.stack.length === 0) this.fail('text data outside of root node');
    this.textStart = lt + 9;
    this.textEnd = end;
    this.textEntity = false;
    this.textCdata = true;
    this.textUnread = true;
    return TEXT;
  }

  /** A DOCTYPE is allowed (before the root); entities it declares are not defined for us, as for saxes. */
  private doctype(lt: number): number {
    const buf = this.buf;
    if (!buf.startsWith('!DOCTYPE', lt + 1) || this.stack.length > 0 || this.rootSeen) this.fail('inappropriately located doctype declaration');
    const end = doctypeEnd(buf, lt + 9);
    if (end >= 0) {
      this.pos = end;
      return MORE;
    }
    return this.wait(lt, '>', false, MAX_DOCTYPE_CHARS, 'a DOCTYPE longer than 64 K characters');
  }

  private closeTag(lt: number): number {
    const buf = this.buf;
    // Most end tags are `</name>` of the open element exactly: told in place, without looking for the `>` or a string.
    const open = this.stack[this.stack.length - 1];
    const exact = open === undefined ? -1 : this.endTagEnd(lt, open);
    if (exact >= 0) {
      this.pos = exact;
      this.closeOpen();
      return CLOSE;
    }
    const gt = buf.indexOf('>', lt + 2);
    if (gt < 0) return this.wait(lt, '>');
    let end = gt;
    while (end > lt + 2 && isSpace(buf.charCodeAt(end - 1))) end--;
    this.pos = gt + 1;
    this.pop(buf.slice(lt + 2, end));
    return CLOSE;
  }

  private pop(name: string): void {
    const open = this.stack[this.stack.length - 1];
    if (open !== name) this.fail(open === undefined ? 'unexpected close tag' : `unmatched closing tag: ${fromBytes(name)}`);
    this.closeOpen();
  }

  /** The open element ends: its CLOSE is named. */
  private closeOpen(): void {
    this.stack.pop();
    this.name = this.locals.pop()!;
  }

  /** Where `</name>` written exactly so at `at` ends (after its `>`); -1 if it is not that, or not all there yet. */
  private endTagEnd(at: number, name: string): number {
    const buf = this.buf;
    const gt = at + name.length + 2;
    if (buf.charCodeAt(at) !== 60 || buf.charCodeAt(at + 1) !== 47 || buf.charCodeAt(gt) !== 62) return -1;
    return (name.length === 1 ? buf.charCodeAt(at + 2) === name.charCodeAt(0) : buf.startsWith(name, at + 2)) ? gt + 1 : -1;
  }

  /** `<name a="v" b='w'>` or `<name …/>`: read whole, or not at all until the rest of it arrives. */
  private startTag(lt: number): number {
    const buf = this.buf;
    const len = buf.length;
    let p = lt + 1;
    while (p < len && !endsName(buf.charCodeAt(p))) p++;
    const nameEnd = p;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      const before = p;
      while (p < len && isSpace(buf.charCodeAt(p))) p++;
      if (p >= len) return this.wait(lt, '>');
      const c = buf.charCodeAt(p);
      if (c === 62) break;
      if (c === 47) {
        if (p + 1 >= len) return this.wait(lt, '>');
        if (buf.charCodeAt(p + 1) !== 62) this.fail('forward-slash in opening tag not followed by >', this.bufAt + p);
        selfClosing = true;
        p++;
        break;
      }
      if (p === before) this.fail('no whitespace between attributes', this.bufAt + p);
      const nameStart = p;
      while (p < len && !endsName(buf.charCodeAt(p))) p++;
      const attrEnd = p;
      while (p < len && isSpace(buf.charCodeAt(p))) p++;
      if (p >= len) return this.wait(lt, '>');
      if (buf.charCodeAt(p) !== 61 || attrEnd === nameStart) this.fail('attribute without value', this.bufAt + p);
      p++;
      while (p < len && isSpace(buf.charCodeAt(p))) p++;
      if (p >= len) return this.wait(lt, '>');
      const quote = buf.charCodeAt(p);
      if (quote !== 34 && quote !== 39) this.fail('unquoted attribute value', this.bufAt + p);
      // The closing quote, looked for in the same pass that tells whether the value is plain ASCII (a cell's values
      // are a few characters: cheaper than indexOf and plainUpTo both). One that is not is checked here, read or not
      // (a `<` or an undefined entity is an error).
      let close = p + 1;
      let plain = true;
      for (; close < len; close++) {
        const v = buf.charCodeAt(close);
        if (v === quote) break;
        if (v < 32 || v > 126 || v === 38 || v === 60) plain = false;
      }
      if (close >= len) return this.wait(lt, quote === 34 ? '"' : "'");
      if (!plain) this.attrValue(buf.slice(p + 1, close));
      const k = 4 * count++;
      this.attrAt[k] = nameStart;
      this.attrAt[k + 1] = attrEnd;
      this.attrAt[k + 2] = p + 1;
      this.attrAt[k + 3] = close;
      p = close + 1;
    }
    const name = buf.slice(lt + 1, nameEnd);
    if (this.rootSeen && this.stack.length === 0) this.fail('documents may contain only one root');
    this.rootSeen = true;
    this.stack.push(name);
    this.name = localName(name);
    this.locals.push(this.name);
    this.attrCount = count;
    this.closeDue = selfClosing;
    this.pos = p + 1;
    return OPEN;
  }

  /** A value with anything but plain ASCII in it (`plainUpTo`). */
  private attrValue(raw: string): string {
    if (raw.includes('<')) this.fail('disallowed character in attribute value');
    // Attribute-value normalisation: a literal tab or line end is a space (one written as &#10; stays itself).
    const value = (NON_ASCII.test(raw) ? fromBytes(raw) : raw).replace(/\r\n?|[\t\n]/g, ' ');
    return value.includes('&') ? this.entities(value) : value;
  }

  private entities(text: string): string {
    return decodeEntities(text, (reason) => this.fail(reason));
  }

  /** Lets go of the first `n` characters of `buf`, counting their newlines. */
  private consume(n: number): void {
    if (n === 0) return;
    const buf = this.buf;
    for (let i = buf.indexOf('\n'); i >= 0 && i < n; i = buf.indexOf('\n', i + 1)) {
      this.lines++;
      this.lastNewline = this.bufAt + i;
    }
    this.buf = n >= buf.length ? '' : buf.slice(n);
    this.bufAt += n;
    this.pos = 0;
  }
}
