// The styles part, for the one thing the reader needs from it: the number format of each cell style (dates are
// numbers with a date format; ids may have a padding format). A workbook without a styles part, or with an empty
// <styleSheet/>, has only General.
import type { Readable } from 'node:stream';
import { readXml } from './xml.js';

/** Built-in formats (ECMA-376 §18.8.30) that have no <numFmt> in styles.xml, the East-Asian dates included. */
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
  54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** Style id (a cell's `s`) → its number format code; undefined for General. */
export type NumFmt = (styleId: number) => string | undefined;

export const noStyles: NumFmt = () => undefined;

export async function readStyles(xml: Readable): Promise<NumFmt> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let section: 'numFmts' | 'cellXfs' | null = null;
  await readXml(xml, {
    open(name, a) {
      if (name === 'numFmts' || name === 'cellXfs') section = name;
      else if (name === 'numFmt' && section === 'numFmts' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'xf' && section === 'cellXfs') xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === section) section = null;
    },
  });
  return (styleId) => {
    const id = xfFormats[styleId];
    if (id === undefined || id === 0) return undefined;
    return custom.get(id) ?? BUILT_IN[id];
  };
}
