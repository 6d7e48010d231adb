// A message the client or the core built (id and parameters), or a text Feishu sent, in words: as the CLI shows it.
import { render } from '../../src/messages/index.js';
import type { MessageRef } from '../../src/messages/said.js';

export const words = (m: string | MessageRef | undefined): string => (m === undefined ? '' : typeof m === 'string' ? m : render(m));
