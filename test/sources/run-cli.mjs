// Runs the built CLI in this process and reports its peak memory on the last line of stderr ("@@maxrss <kB>"), so a
// test can hold every run to a memory bound without a platform-specific `time`.
import { main } from '../../dist/cli/main.js';

process.on('exit', () => process.stderr.write(`@@maxrss ${process.resourceUsage().maxRSS}\n`));
await main(process.argv.slice(2));
