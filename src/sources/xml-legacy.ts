// The decoder of a legacy encoding an XML part declares (`GB2312`, `windows-1252`), in a module of its own: iconv-lite
// (≈ 5 MB once loaded) is imported only when a part needs it, never for the UTF-8 every current writer uses.
import iconv from 'iconv-lite';

/** A decoder of one part's bytes, as TextDecoder is used: with `stream`, the text so far; without, the rest. */
export interface Decoder {
  decode(bytes?: Buffer, opts?: { stream: boolean }): string;
}

export function legacyDecoder(encoding: string): Decoder | undefined {
  if (!iconv.encodingExists(encoding)) return undefined;
  const d = iconv.getDecoder(encoding);
  return { decode: (bytes, opts) => (opts?.stream ? (bytes ? d.write(bytes) : '') : (d.end() ?? '')) };
}
