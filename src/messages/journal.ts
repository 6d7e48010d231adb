// Messages of the journal stage. Keys are stable ids; {name} placeholders are filled by t().
import type { Catalog } from './catalog.js';

export const journalMessages = {
} satisfies Catalog;
