// Excel's own limits, which every source holds its input to: nothing a spreadsheet can hold is refused, and nothing
// past it is read into memory.
import { CellError } from '../types.js';

/** Characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** What a cell over MAX_CELL_CHARS reads as: an invalid cell (its row is refused with this text), not a cut value. */
export const tooLong = (): CellError => new CellError(`#VALUE! (text over ${MAX_CELL_CHARS.toLocaleString('en-US')} characters)`);
