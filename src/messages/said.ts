// A row's message as data: the catalog id and its parameters, so a program using the library can render it in
// another language or act on the id; `error_message` is the same text already rendered in the run's language.
import { t } from './index.js';

export interface MessageRef {
  id: string;
  params: Record<string, string | number>;
}

export function said(id: string, params: Record<string, string | number> = {}): { message: MessageRef; error_message: string } {
  return { message: { id, params }, error_message: t(id, params) };
}
