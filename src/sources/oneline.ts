// Every message that stops a run is one line of at most 300 characters, whatever the input put in it (a header with
// line breaks, a file path, the names of 300 sheets).
export const MAX_MESSAGE = 300;

/** `a, b, c … and 297 more`: as many items as fit in `budget` characters (the first one always, cut if need be). */
export function shortList(items: readonly string[], budget = 100): string {
  const all = items.map((i) => oneLine(i)).join(', ');
  if (all.length <= budget) return all;
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    const piece = oneLine(item, Math.max(budget - 20, 10));
    // room for ", " and the " … and N more" that follows
    if (shown.length && length + piece.length + 2 + 16 > budget) break;
    shown.push(piece);
    length += piece.length + 2;
  }
  return `${shown.join(', ')} … and ${items.length - shown.length} more`;
}

/** Line breaks and other control characters shown as one visible mark; too long a line cut with an ellipsis. */
export function oneLine(text: string, max = Infinity): string {
  const flat = text.replace(/\r\n|[\r\n\u2028\u2029]/g, '⏎').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
