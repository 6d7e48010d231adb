// End-to-end tests run the real `bin/feishu-import.js`, which loads dist/: build it once so it matches src/, as
// `npm run build` does (tsc, then the precompiled schema validators).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [`${root}dist/schema/standalone.js`], { cwd: root, stdio: 'inherit' });
}
