// The few errors that abort a run. Everything about a single row is data (Problem, RowOutcome), never an exception.
// Each carries what it says as data too (`said`: a catalog id and parameters), for programs that show it their way;
// `message` is the same in the current language, for the CLI's one line.
import { render } from './messages/index.js';
import type { MessageRef } from './messages/said.js';

/** Bad flags, a bad manifest, missing credentials: the user must change how the tool is called. Exit 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly exitCode = 2;
  constructor(
    readonly said: MessageRef,
    options?: ErrorOptions,
  ) {
    super(render(said), options);
  }
}

/** An input that cannot be read at all: missing, not a workbook, truncated, no known sheet, a missing column. Exit 2. */
export class InputError extends Error {
  override name = 'InputError';
  readonly exitCode = 2;
  constructor(
    readonly said: MessageRef,
    options?: ErrorOptions,
  ) {
    super(render(said), options);
  }
}

export function isUserFacingError(e: unknown): e is ConfigError | InputError {
  return e instanceof ConfigError || e instanceof InputError;
}
