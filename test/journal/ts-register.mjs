// `node --import ./test/journal/ts-register.mjs child.ts`: runs TypeScript in a plain child process (for the
// crash tests, which must SIGKILL a real process) with the compiler already in devDependencies; no tsx needed.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
