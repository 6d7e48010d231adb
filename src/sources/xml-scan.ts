// The sheet part's scanner: htmlparser2's Tokenizer, which reports tags and text as index ranges, so that only what
// the sheet reader asks for becomes a string. saxes (xml.ts) builds a name, an attribute object and a text string for
// every tag of a sheet, and parsing was most of the reading thread's time and garbage. The Tokenizer is lenient; the
// checks a sheet needs to be refused as saxes refused it are here: tags closed in order, one root, no text outside it,
// entities (left to us, decoded at the few places read) defined, line ends normalised, and every held piece bounded.
import { QuoteType, Tokenizer } from 'htmlparser2';
import { XmlError } from './xlsx-errors.js';
import { decodedText, localName } from './xml.js';

export interface ScanHandlers {
  /** A start tag, by local name; its attributes follow (raw names), then `opened`. */
  open(name: string): void;
  attr(name: string, value: string): void;
  opened(): void;
  close(name: string): void;
  /** Text wanted where the handler said so (`wantsText`); it may arrive in pieces. */
  text(text: string): void;
  wantsText(): boolean;
}

const MAX_VALUE_CHARS = 1 << 24;
const MAX_HELD_CHARS = 1 << 24;
const PIECE = 1 << 14;
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);)?/g;

/** Parses `bytes` with `handlers`, yielding after each piece of text (as parseXml does after each chunk); throws XmlError where it broke. */
export async function* scanXml(bytes: AsyncIterable<Buffer>, handlers: ScanHandlers, stop: () => boolean): AsyncGenerator<void> {
  const scan = new Scan(handlers);
  for await (const text of decodedText(bytes, stop)) {
    // In pieces of at most 16 K characters, each followed by a yield: the rows a piece completed are handed on (and
    // can be collected) before the next is parsed, rather than a whole inflated chunk's worth held at once.
    for (let at = 0; at < text.length; at += PIECE) {
      scan.write(at === 0 && text.length <= PIECE ? text : text.slice(at, at + PIECE));
      yield;
    }
  }
  if (!stop()) scan.end();
  yield;
}

class Scan {
  private readonly tokenizer: Tokenizer;
  /**
   * The chunks from the start of the earliest token not yet reported to the one being parsed, and the offset of the
   * first in the part. Tokens are reported in order, so each report lets go of the chunks before it.
   */
  private chunks: string[] = [];
  private chunksAt = 0;
  private held = 0;
  /** Newlines in the chunks let go, and where the last of them is: for the line and column of an error. */
  private lines = 0;
  private lastNewline = -1;
  /** Where the tokenizer last reported something. */
  private at = 0;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private inSubset = false;
  private attrName = '';
  private attrValue = '';
  /** Where the last captured piece of text ended, if with a CR: a LF opening the piece that follows belongs to it. */
  private crEnd = -1;
  /** An entity cut where the input was cut (`&am` | `p;`): held until the rest of the text, where it ends. */
  private tail = '';
  private tailEnd = -1;

  constructor(private readonly h: ScanHandlers) {
    const cbs = {
      onopentagname: (start: number, end: number) => this.openTag(start, end),
      onattribname: (start: number, end: number) => {
        this.attrName = this.slice(start, end);
        this.attrValue = '';
      },
      onattribdata: (start: number, end: number) => {
        this.attrValue += this.slice(start, end);
        if (this.attrValue.length > MAX_VALUE_CHARS) this.fail('a single value is longer than 16 M characters', end);
      },
      onattribentity: () => {},
      onattribend: (quote: QuoteType, end: number) => this.attrEnd(quote, end),
      onopentagend: (end: number) => {
        this.at = end;
        this.h.opened();
      },
      onselfclosingtag: (end: number) => {
        this.at = end;
        this.h.opened();
        this.closeTag(this.stack[this.stack.length - 1] ?? '');
      },
      onclosetag: (start: number, end: number) => {
        this.at = start;
        this.closeTag(this.slice(start, end));
      },
      ontext: (start: number, end: number) => this.textRange(start, end),
      ontextentity: () => {},
      oncdata: (start: number, end: number, offset: number) => {
        this.at = start;
        this.cutEntity();
        if (this.stack.length === 0) this.fail('text data outside of root node');
        if (this.h.wantsText()) this.h.text(this.lineEnds(this.slice(start, end - offset), start, end - offset));
      },
      oncomment: () => {},
      ondeclaration: (start: number, end: number) => this.declaration(start, end),
      onprocessinginstruction: () => {},
      onend: () => {},
    };
    // Entities are left in the text (decodeEntities: false lets the tokenizer skip to the next `<` at native speed).
    this.tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, cbs);
  }

  write(text: string): void {
    this.chunks.push(text);
    this.held += text.length;
    this.guard(() => this.tokenizer.write(text));
    // Only a comment or a tag name is held whole until its end (text and attribute values come in pieces).
    if (this.held > MAX_HELD_CHARS) this.fail('a comment or a name is longer than 16 M characters', this.chunksAt + this.held);
  }

  end(): void {
    this.guard(() => this.tokenizer.end());
    this.at = this.chunksAt + this.held;
    this.cutEntity();
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) this.fail(`unclosed tag: ${open}`);
    if (!this.rootSeen) this.fail('document must contain a root element');
  }

  /** A handler's own XmlError (a cell outside the sheet) carries no position: it gets the scanner's. */
  private guard(run: () => void): void {
    try {
      run();
    } catch (e) {
      if (e instanceof XmlError && e.line === 0) this.fail(e.reason);
      throw e;
    }
  }

  private openTag(start: number, end: number): void {
    this.at = start;
    this.cutEntity();
    if (this.rootSeen && this.stack.length === 0) this.fail('documents may contain only one root');
    const name = this.slice(start, end);
    this.rootSeen = true;
    this.stack.push(name);
    this.h.open(localName(name));
  }

  private closeTag(name: string): void {
    this.cutEntity();
    const open = this.stack.pop();
    if (open !== name) this.fail(open === undefined ? 'unexpected close tag' : `unmatched closing tag: ${name}`);
    this.h.close(localName(name));
  }

  private attrEnd(quote: QuoteType, end: number): void {
    this.at = end;
    if (quote === QuoteType.NoValue) this.fail('attribute without value');
    if (quote === QuoteType.Unquoted) this.fail('unquoted attribute value');
    let value = this.attrValue;
    // Attribute-value normalisation: a literal tab or line end is a space (one written as &#10; stays itself).
    if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n?|[\t\n]/g, ' ');
    if (value.includes('&')) value = this.entities(value);
    this.h.attr(this.attrName, value);
  }

  private textRange(start: number, end: number): void {
    this.at = start;
    const wanted = this.stack.length > 0 && this.h.wantsText();
    let text = this.slice(start, end);
    if (this.tail) {
      if (this.tailEnd !== start) this.cutEntity();
      text = this.tail + text;
      this.tail = '';
    }
    if (this.stack.length === 0) {
      // Only white space around the root; a DOCTYPE's internal subset ends with `]>`, read as text here.
      if (this.inSubset && /^\s*\]\s*>\s*$/.test(text)) this.inSubset = false;
      else if (/\S/.test(text)) this.fail('text data outside of root node');
      return;
    }
    const amp = text.lastIndexOf('&');
    if (amp >= 0 && text.indexOf(';', amp) < 0 && end === this.chunksAt + this.held) {
      // Text is handed over in pieces where a piece of input ends: the rest of this entity is in the next one.
      this.tail = text.slice(amp);
      this.tailEnd = end;
      text = text.slice(0, amp);
    }
    if (!wanted) {
      if (text.includes('&')) this.entities(text); // not read, but an undefined entity is still an error
      return;
    }
    text = this.lineEnds(text, start, end);
    this.h.text(text.includes('&') ? this.entities(text) : text);
  }

  /** Anything but more text after a cut entity: it was never finished. */
  private cutEntity(): void {
    if (this.tail) this.fail('disallowed character in entity name', this.tailEnd);
  }

  /** A DOCTYPE is allowed (before the root); entities it declares are not defined for us, as for saxes. */
  private declaration(start: number, end: number): void {
    this.at = start;
    if (this.inSubset) return; // <!ENTITY …> and the like inside the internal subset
    const text = this.slice(start, end);
    if (!/^DOCTYPE\b/.test(text) || this.stack.length > 0 || this.rootSeen) this.fail('inappropriately located doctype declaration');
    this.inSubset = text.includes('[') && !text.includes(']');
  }

  /** Decodes the five XML entities and character references; any other `&` is an error, as in saxes. */
  private entities(text: string): string {
    return text.replace(ENTITY, (_m, name: string | undefined) => {
      if (name === undefined) return this.fail('disallowed character in entity name');
      if (name[0] !== '#') return XML_ENTITIES[name] ?? this.fail('undefined entity');
      const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      if (!(cp > 0 && cp <= 0x10ffff)) return this.fail('malformed character entity');
      return String.fromCodePoint(cp);
    });
  }

  /** XML end-of-line handling: CR LF and a lone CR read as LF (a CR written as &#13; is kept: decoded after this). */
  private lineEnds(text: string, start: number, end: number): string {
    let t = text;
    // Text comes in pieces where the input was cut: a CR LF may straddle two of them.
    if (this.crEnd === start && t.charCodeAt(0) === 10) t = t.slice(1);
    this.crEnd = text.charCodeAt(text.length - 1) === 13 ? end : -1;
    return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
  }

  /** The text of [start, end); the chunks wholly before `start` are let go. */
  private slice(start: number, end: number): string {
    while (this.chunks.length > 1 && start >= this.chunksAt + this.chunks[0]!.length) this.drop();
    const first = this.chunks[0]!;
    const from = start - this.chunksAt;
    if (end - this.chunksAt <= first.length) return first.slice(from, end - this.chunksAt);
    let text = first.slice(from);
    for (let i = 1, at = this.chunksAt + first.length; at < end; at += this.chunks[i++]!.length) text += this.chunks[i]!.slice(0, end - at);
    return text;
  }

  private drop(): void {
    const chunk = this.chunks.shift()!;
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) {
      this.lines++;
      this.lastNewline = this.chunksAt + i;
    }
    this.chunksAt += chunk.length;
    this.held -= chunk.length;
  }

  private fail(reason: string, at = this.at): never {
    let line = this.lines + 1;
    let lastNewline = this.lastNewline;
    let chunkAt = this.chunksAt;
    for (const chunk of this.chunks) {
      for (let i = chunk.indexOf('\n'); i >= 0 && chunkAt + i < at; i = chunk.indexOf('\n', i + 1)) {
        line++;
        lastNewline = chunkAt + i;
      }
      chunkAt += chunk.length;
    }
    throw new XmlError(reason, line, Math.max(1, at - lastNewline));
  }
}
