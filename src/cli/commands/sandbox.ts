import { type Command, Option } from 'commander';
import { t } from '../../messages/index.js';
import { type DialectName, SANDBOX_DIALECTS } from '../../sandbox/dialects.js';
import { wholeNumber } from '../options.js';
import { say } from '../output.js';

const nonNegativeInt = wholeNumber(0);

export function registerSandbox(program: Command): void {
  program
    .command('sandbox')
    .description('serve the embedded Feishu sandbox on 127.0.0.1 until Ctrl-C (for trying apply, or testing other tools)')
    .option('--port <n>', 'port to listen on (default: any free port)', nonNegativeInt, 0)
    .option('--latency <ms>', 'added to every answer', nonNegativeInt, 0)
    .option('--rate <n>', 'requests per second per endpoint before answering 99991400 (0: no limit)', nonNegativeInt, 50)
    .addOption(
      new Option('--dialect <name>', 'how to answer where the API pages are silent (default: FEISHU_SANDBOX_DIALECT, else classic)').choices(
        SANDBOX_DIALECTS,
      ),
    )
    .action(async (flags: { port: number; latency: number; rate: number; dialect?: DialectName }) => {
      const { serveSandbox } = await import('../../sandbox/index.js'); // loaded on use: other commands start without it
      const sandbox = await serveSandbox({
        port: flags.port,
        latencyMs: flags.latency,
        ratePerSecond: flags.rate,
        ...(flags.dialect ? { dialect: flags.dialect } : {}),
        // Another tool rehearsing against this server cannot seed CoreHR tasks, so a decision creates its task first.
        corehrTasksOnDemand: true,
        onListening: (info) => {
          say(t('cli.sandboxListening', { url: info.url }));
          // The sandbox's credentials are fixed, public values (not a real app's secret): the user needs them.
          for (const [k, v] of Object.entries(info.env)) say(`  export ${k}=${v}`);
        },
      });
      say(t('cli.sandboxDialect', { name: sandbox.dialect.name, known: SANDBOX_DIALECTS.join('|') }));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.close();
    });
}
