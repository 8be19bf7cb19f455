// Texts too long to draw at once. A question is a sentence or two; a record whose question, answer
// or option runs to megabytes is broken or hostile, and laying out 50 MB of text froze the page for
// 24 s. Such items are flagged at import, and every text of an item is drawn cut to its first
// characters, the rest on request.

/** Characters of a text drawn at first. */
export const PREVIEW_CHARS = 2_000;

/** A question, answer or option longer than this flags its item `oversized`. */
export const OVERSIZED_CHARS = 10_000;

/** Whether any of the texts is longer than OVERSIZED_CHARS. */
export const isOversized = (texts: readonly unknown[]): boolean => texts.some((t) => typeof t === 'string' && t.length > OVERSIZED_CHARS);

/**
 * The first `limit` characters of `text` (one fewer rather than half a surrogate pair), and how
 * many are left out.
 */
export function clip(text: string, limit: number): { shown: string; hidden: number } {
  if (text.length <= limit) return { shown: text, hidden: 0 };
  let end = Math.max(0, limit);
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { shown: text.slice(0, end), hidden: text.length - end };
}
