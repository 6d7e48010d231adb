// How results reach the terminal. Human text on stdout, errors on stderr, and with --json one document on stdout only.
import { problemText, reasonText, t } from '../messages/index.js';
import type { MessageRef } from '../messages/said.js';
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

/** A problem as --json prints it: where, the message id and its parameters, and the message in words. */
export const problemJson = (p: Problem) => ({ file: p.file, sheet: p.sheet, row: p.row, column: p.column, field: p.field, code: p.code, params: p.params, message: problemText(p) });

/**
 * A row's outcome (or a pruned or undone record) as --json prints it: the data as the library returns it (`message`:
 * id and parameters; `problems` of an invalid row) plus `error_message`, the same in words.
 */
export function withWords<T extends { message?: MessageRef; problems?: Problem[] }>(o: T): Omit<T, 'problems'> & { error_message: string; problems?: ReturnType<typeof problemJson>[] } {
  const { problems, ...rest } = o;
  return { ...rest, error_message: reasonText(o), ...(problems ? { problems: problems.map(problemJson) } : {}) };
}

/** One line per problem: where (file › sheet › row › column) and what. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.sheet, t('cli.row', { row: p.row }), p.column || p.field].filter(Boolean).join(' › ');
  return `${where}: ${problemText(p)}`;
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
