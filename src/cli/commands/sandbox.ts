import type { Command } from 'commander';
import { t } from '../../messages/index.js';
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
    .action(async (flags: { port: number; latency: number; rate: number }) => {
      const { serveSandbox } = await import('../../sandbox/index.js'); // loaded on use: other commands start without it
      const sandbox = await serveSandbox({
        port: flags.port,
        latencyMs: flags.latency,
        ratePerSecond: flags.rate,
        onListening: (info) => {
          say(t('cli.sandboxListening', { url: info.url }));
          // The sandbox's credentials are fixed, public values (not a real app's secret): the user needs them.
          for (const [k, v] of Object.entries(info.env)) say(`  export ${k}=${v}`);
        },
      });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.close();
    });
}
