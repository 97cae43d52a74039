/**
 * A 5x7 bitmap font (capitals, digits, the punctuation documents use) and the transliteration that maps any
 * name onto it, so names like "Muñoz" or "Ærø" print legibly on a specimen card without embedding a real font.
 */

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

// One string per glyph: seven rows of five pixels, top to bottom.
const SOURCE: Record<string, string> = {
  A: '01110 10001 10001 11111 10001 10001 10001',
  B: '11110 10001 10001 11110 10001 10001 11110',
  C: '01110 10001 10000 10000 10000 10001 01110',
  D: '11100 10010 10001 10001 10001 10010 11100',
  E: '11111 10000 10000 11110 10000 10000 11111',
  F: '11111 10000 10000 11110 10000 10000 10000',
  G: '01110 10001 10000 10111 10001 10001 01111',
  H: '10001 10001 10001 11111 10001 10001 10001',
  I: '01110 00100 00100 00100 00100 00100 01110',
  J: '00111 00010 00010 00010 00010 10010 01100',
  K: '10001 10010 10100 11000 10100 10010 10001',
  L: '10000 10000 10000 10000 10000 10000 11111',
  M: '10001 11011 10101 10101 10001 10001 10001',
  N: '10001 10001 11001 10101 10011 10001 10001',
  O: '01110 10001 10001 10001 10001 10001 01110',
  P: '11110 10001 10001 11110 10000 10000 10000',
  Q: '01110 10001 10001 10001 10101 10010 01101',
  R: '11110 10001 10001 11110 10100 10010 10001',
  S: '01111 10000 10000 01110 00001 00001 11110',
  T: '11111 00100 00100 00100 00100 00100 00100',
  U: '10001 10001 10001 10001 10001 10001 01110',
  V: '10001 10001 10001 10001 10001 01010 00100',
  W: '10001 10001 10001 10101 10101 10101 01010',
  X: '10001 10001 01010 00100 01010 10001 10001',
  Y: '10001 10001 10001 01010 00100 00100 00100',
  Z: '11111 00001 00010 00100 01000 10000 11111',
  '0': '01110 10001 10011 10101 11001 10001 01110',
  '1': '00100 01100 00100 00100 00100 00100 01110',
  '2': '01110 10001 00001 00010 00100 01000 11111',
  '3': '11111 00010 00100 00010 00001 10001 01110',
  '4': '00010 00110 01010 10010 11111 00010 00010',
  '5': '11111 10000 11110 00001 00001 10001 01110',
  '6': '00110 01000 10000 11110 10001 10001 01110',
  '7': '11111 00001 00010 00100 01000 01000 01000',
  '8': '01110 10001 10001 01110 10001 10001 01110',
  '9': '01110 10001 10001 01111 00001 00010 01100',
  ' ': '00000 00000 00000 00000 00000 00000 00000',
  '<': '00010 00100 01000 10000 01000 00100 00010',
  '-': '00000 00000 00000 11111 00000 00000 00000',
  '.': '00000 00000 00000 00000 00000 01100 01100',
  ',': '00000 00000 00000 00000 01100 00100 01000',
  ':': '00000 01100 01100 00000 01100 01100 00000',
  '/': '00000 00001 00010 00100 01000 10000 00000',
  "'": '01100 00100 01000 00000 00000 00000 00000',
  '(': '00010 00100 01000 01000 01000 00100 00010',
  ')': '01000 00100 00010 00010 00010 00100 01000',
  '&': '01100 10010 10100 01000 10101 10010 01101',
  '+': '00000 00100 00100 11111 00100 00100 00000',
  '#': '01010 01010 11111 01010 11111 01010 01010',
  '%': '11000 11001 00010 00100 01000 10011 00011',
  '?': '01110 10001 00001 00010 00100 00000 00100',
  '@': '01110 10001 10111 10101 10111 10000 01110',
  ';': '00000 01100 01100 00000 01100 00100 01000',
  '!': '00100 00100 00100 00100 00100 00000 00100',
  '"': '01010 01010 01010 00000 00000 00000 00000',
  _: '00000 00000 00000 00000 00000 00000 11111',
  '=': '00000 00000 11111 00000 11111 00000 00000',
  '*': '00000 00100 10101 01110 10101 00100 00000',
};

/** Drawn for characters the font lacks (never expected after `toFontText`, but never a crash either). */
const MISSING = '11111 10001 10001 10001 10001 10001 11111';

function parse(rows: string): boolean[] {
  return rows
    .replace(/ /g, '')
    .split('')
    .map((c) => c === '1');
}

const GLYPHS = new Map(Object.entries(SOURCE).map(([ch, rows]) => [ch, parse(rows)]));
const MISSING_GLYPH = parse(MISSING);

/** Row-major 5x7 pixels of a character (already mapped through `toFontText`). */
export function glyph(ch: string): boolean[] {
  return GLYPHS.get(ch) ?? MISSING_GLYPH;
}

// Letters that Unicode decomposition does not reduce to ASCII.
const SPECIAL: Record<string, string> = {
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  ß: 'ss',
  Þ: 'TH',
  þ: 'th',
  Ð: 'D',
  ð: 'd',
  Đ: 'D',
  đ: 'd',
  Ł: 'L',
  ł: 'l',
  ı: 'i',
  '–': '-',
  '—': '-',
  '’': "'",
  '€': 'EUR',
};
// ICAO 9303 transliterations that differ from plain accent stripping.
const MRZ_SPECIAL: Record<string, string> = {
  ...SPECIAL,
  Ø: 'OE',
  ø: 'oe',
  Å: 'AA',
  å: 'aa',
  Ä: 'AE',
  ä: 'ae',
  Ö: 'OE',
  ö: 'oe',
  Ü: 'UE',
  ü: 'ue',
};

function fold(text: string, special: Record<string, string>): string {
  return Array.from(text, (ch) => special[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase();
}

/** What the card prints: capitals with accents removed ("Muñoz" → "MUNOZ"); unknown characters become "?". */
export function toFontText(text: string): string {
  return Array.from(fold(text, SPECIAL), (ch) => (GLYPHS.has(ch) ? ch : '?')).join('');
}

/** A name or word as a machine-readable zone writes it: A-Z only, everything else becomes a filler `<`. */
export function toMrzText(text: string): string {
  return fold(text, MRZ_SPECIAL).replace(/[^A-Z0-9]/g, '<');
}
