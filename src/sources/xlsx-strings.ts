// The shared-strings part: each <si> as Excel shows it. Rich-text runs are joined, phonetic runs (<rPh>: furigana,
// pinyin) left out, CDATA kept, `_xHHHH_` decoded. The table is held while the sheets are read, so it is bounded:
// a string over Excel's limit is kept as the too-long error only, and the part and the count are capped.
import type { Readable } from 'node:stream';
import type { CellError } from '../types.js';
import { TooLargeError } from './xlsx-errors.js';
import { appendCapped, finishText } from './xlsx-text.js';
import { readXml } from './xml.js';

/** No attendance workbook comes near: 100,000 rows of 7 distinct texts each is 700,000. */
export const MAX_SHARED_STRINGS = 1_000_000;

export async function readSharedStrings(xml: Readable, part: string): Promise<(string | CellError)[]> {
  const strings: (string | CellError)[] = [];
  let text: string | null = null;
  let inText = false;
  let phonetic = 0;
  await readXml(xml, {
    open(name) {
      if (name === 'si') {
        text = '';
        if (strings.length >= MAX_SHARED_STRINGS) throw new TooLargeError(`${part} holds more than ${MAX_SHARED_STRINGS.toLocaleString('en-US')} strings`);
      } else if (name === 't') inText = text !== null && phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && text !== null) {
        strings.push(finishText(text));
        text = null;
      }
    },
    text(s) {
      if (inText && text !== null) text = appendCapped(text, s);
    },
  });
  return strings;
}
