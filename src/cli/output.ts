// How results reach the terminal. Human text on stdout, errors on stderr, and with --json one document on stdout only.
import { t } from '../messages/index.js';
import type { Problem } from '../types.js';

export function printError(message: string): void {
  process.stderr.write(`feishu-import: ${message}\n`);
}

export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** One line per problem: where (file › sheet › row › column) and what. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.sheet, t('cli.row', { row: p.row }), p.column || p.field].filter(Boolean).join(' › ');
  return `${where}: ${p.message}`;
}

/** fs errors the user can fix (a missing folder, no permission, a full disk) as one line; anything else → undefined. */
export function describeSystemError(e: unknown): string | undefined {
  if (!(e instanceof Error) || !('code' in e) || typeof e.code !== 'string') return undefined;
  const path = 'path' in e && typeof e.path === 'string' ? e.path : '';
  switch (e.code) {
    case 'ENOENT':
      return t('cli.fs.enoent', { path });
    case 'EACCES':
    case 'EPERM':
      return t('cli.fs.eacces', { path });
    case 'EISDIR':
      return t('cli.fs.eisdir', { path });
    case 'ENOSPC':
      return t('cli.fs.enospc', { path });
    case 'EBUSY':
      return t('cli.fs.ebusy', { path });
    default:
      return undefined;
  }
}
