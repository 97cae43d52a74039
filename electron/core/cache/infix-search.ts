/**
 * Infix, accent-folded search beside the prefix search of fts-query.ts: `sessions_infix` (a trigram index,
 * migrations.ts) holds the same words as `sessions_fts`, folded by `foldText` (no accents, no case, ð → d, ø → o,
 * ...). A query whose every word has three letters or more is matched there, anywhere inside a word ("ica" finds
 * "Jessica", "Odinn" finds "Óðinn"); shorter words cannot use trigrams and go to the prefix index instead.
 * User input never reaches FTS syntax: words hold letters and digits only and are quoted.
 */
import { foldText } from '../../../shared/case-signals.js';
import type { SearchText } from './session-index.js';

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 8;
/** Trigram words are at most this long: longer input adds nothing to a name search and only costs time. */
const MAX_WORD_LENGTH = 64;
/** The trigram tokenizer needs three characters to use its index. */
export const MIN_INFIX_LENGTH = 3;

/** The folded words of a session that the infix index holds (one line per field). */
export function infixWordsOf(text: SearchText): string {
  return [text.subject_name, text.document_numbers, text.vendor_data, text.party_names]
    .map((field) => foldText(field))
    .filter((field) => field.length > 0)
    .join('\n');
}

/**
 * The MATCH expression for `sessions_infix`, or null when the input holds no word or a word shorter than three
 * letters (the prefix index then answers, see ftsMatchExpression).
 */
export function infixMatchExpression(input: string): string | null {
  const words = foldText(input).match(WORD)?.slice(0, MAX_WORDS) ?? [];
  if (words.length === 0 || words.some((w) => w.length < MIN_INFIX_LENGTH)) return null;
  return words.map((w) => `"${w.slice(0, MAX_WORD_LENGTH)}"`).join(' AND ');
}
