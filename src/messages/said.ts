// A message as data: the catalog id and its parameters. The core builds these and never renders them; the CLI and the
// report writers render them (messages/index.ts `render`), so a program using the library can show them in either
// language, or act on the id.

/** A parameter is text, a number, or another message rendered in the same language (a state's name, a reason). */
export type Param = string | number | MessageRef;
export type Params = Record<string, Param>;

export interface MessageRef {
  id: string;
  params: Params;
}

export function ref(id: string, params: Params = {}): MessageRef {
  return { id, params };
}

/** `{ message }`, to spread into a row outcome. */
export function said(id: string, params: Params = {}): { message: MessageRef } {
  return { message: ref(id, params) };
}
