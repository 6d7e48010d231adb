// Ctrl-C for commands that write: the first one lets the requests in flight finish and be recorded (the command
// then writes its results and exits 1); a second one leaves at once. SIGTERM is treated like the first Ctrl-C.
import { t } from '../messages/index.js';

export async function interruptible<T>(quiet: boolean, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    if (!quiet) process.stderr.write(`\n${t('cli.interrupting')}\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
