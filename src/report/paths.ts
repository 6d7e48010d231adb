import { basename, dirname, extname, join } from 'node:path';

/** `<dir of input>/<input name>.<suffix>.xlsx`: where a workbook goes when the user did not say. */
export function defaultOutputPath(input: string, suffix: string): string {
  const name = basename(input, extname(input));
  return join(dirname(input), `${name}.${suffix}.xlsx`);
}
