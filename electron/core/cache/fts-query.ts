/**
 * Turns what an analyst types into an FTS5 MATCH expression. User input never reaches FTS syntax: it is split into
 * words (letters, digits and their marks only), each word becomes a quoted string with a prefix star, and words
 * are ANDed.
 * So `"`, `*`, `OR`, `NEAR(` and friends are searched for as plain words, or dropped when they hold no letters.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** More words than this add nothing to a name search and only cost time. */
const MAX_WORDS = 8;

/** null when the input holds no searchable word (the search is then no filter at all). */
export function ftsMatchExpression(input: string): string | null {
  const words = input.normalize('NFC').match(WORD)?.slice(0, MAX_WORDS) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
