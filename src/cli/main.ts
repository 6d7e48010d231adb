// The entry of the command line. Before loading the CLI (≈ 40 ms: commander, every command, the messages), it starts
// what may start at once: `validate` of a big workbook has its reading thread boot meanwhile (xlsx-thread-start.ts;
// ≈ 4 % of a 100,000-row validate, bench:parse). Everything else is program.ts.
import { startReadingEarly } from '../sources/xlsx-thread-start.js';

export async function main(argv: string[]): Promise<void> {
  if (commandOf(argv) === 'validate') startReadingEarly(argv);
  const { runProgram } = await import('./program.js');
  await runProgram(argv);
}

/** The command word: the first argument that is neither an option nor the value of `--lang` (the one global option). */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++;
    else if (!argv[i]!.startsWith('-')) return argv[i];
  }
  return undefined;
}
