// The errors of the xlsx reader, in a module of their own: the adapter tells them apart without loading the reader
// (its zip and XML libraries load only where a sheet is parsed: on the reading thread, when there is one).

/** The part is not well-formed XML. `line` and `column` are 1-based, where the parser stopped. */
export class XmlError extends Error {
  override name = 'XmlError';
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** The file is not a sound zip: a bad directory, a CRC mismatch, a duplicate or encrypted entry. */
export class DamagedError extends Error {
  override name = 'DamagedError';
}

/** A part (or the number of entries) past what any real workbook needs: refused before it is inflated. */
export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

/** A zip that is another kind of document: said for what it is rather than as a damaged workbook. */
export class OtherFormatError extends Error {
  override name = 'OtherFormatError';
}
