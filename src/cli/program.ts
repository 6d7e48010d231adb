// The command line: parse arguments, call the library, print, set the exit code. Nothing else lives here.
// (main.ts, the entry, loads this once it has started what may start before the CLI is loaded.)
import { Command, CommanderError, Option } from 'commander';
import { isUserFacingError } from '../errors.js';
import { detectLang, setLang, t } from '../messages/index.js';
import { registerApply } from './commands/apply.js';
import { registerHistory } from './commands/history.js';
import { registerPlan } from './commands/plan.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerTemplate } from './commands/template.js';
import { registerUndo } from './commands/undo.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify } from './commands/verify.js';
import { EXIT } from './exit.js';
import { tightenHeap } from './heap.js';
import { describeSystemError, printError } from './output.js';

export function buildProgram(): Command {
  const program = new Command('feishu-import')
    .description('Load attendance records (leaves, overtime, trips, outs, remedies) into Feishu from Excel, CSV and YAML.')
    .addOption(new Option('--lang <lang>', 'language of messages (default: from LANG)').choices(['en', 'zh']))
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s) });
  // The language must be set before any command builds a message.
  program.hook('preAction', (cmd) => setLang(detectLang(cmd.opts<{ lang?: string }>().lang)));
  registerValidate(program);
  registerPlan(program);
  registerApply(program);
  registerUndo(program);
  registerVerify(program);
  registerHistory(program);
  registerTemplate(program);
  registerSandbox(program);
  program.addHelpText('after', () => t('cli.exitCodes'));
  return program;
}

export async function runProgram(argv: string[]): Promise<void> {
  tightenHeap();
  // `feishu-import plan … | head`: the reader went away; stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  setLang(detectLang(argv.includes('--lang') ? argv[argv.indexOf('--lang') + 1] : undefined));
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (e) {
    process.exitCode = exitCodeFor(e);
  }
}

function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) {
    // --help and --version are successes; every other commander error is a usage error (commander already printed it).
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isUserFacingError(e)) {
    printError(e.message);
    return EXIT.usage;
  }
  const system = describeSystemError(e);
  if (system) {
    printError(system);
    return EXIT.usage;
  }
  // A bug: show everything so it can be reported, but keep the documented exit code.
  printError(t('cli.internalError', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
  return EXIT.usage;
}
