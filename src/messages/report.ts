// Messages of the report stage. Keys are stable ids; {name} placeholders are filled by t().
import type { Catalog } from './catalog.js';

export const reportMessages = {
} satisfies Catalog;
