/**
 * The report's fonts, vendored under resources/fonts (see the README there for sources and licences), tried in
 * order for each character: DejaVu Sans (Latin, Greek, Cyrillic and symbols), Noto Sans Arabic (Arabic, shaped by
 * fontkit), Droid Sans Fallback (Chinese, Japanese kana and kanji, Korean Hangul). Each is embedded as a subset of
 * the glyphs the report uses, so a Japanese company name adds a few kilobytes, not the 3.4 MB font.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FontFamilyFiles {
  name: string;
  regular: Uint8Array;
  /** Null: the family has one weight, used for bold text too. */
  bold: Uint8Array | null;
  /** Characters the family is chosen for ahead of the families before it. */
  prefers?: RegExp;
}

export const FONT_FILES = [
  { name: 'DejaVu Sans', regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
  {
    name: 'Noto Sans Arabic',
    regular: 'NotoSansArabic-Regular.ttf',
    bold: 'NotoSansArabic-Bold.ttf',
    prefers: /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u,
  },
  { name: 'Droid Sans Fallback', regular: 'DroidSansFallback.ttf', bold: null },
] as const;

/** Walks up from this module to the folder holding resources/fonts: the repo in development, the app when packaged. */
export function defaultFontsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, FONT_FILES[0].regular))) return candidate;
    if (dirname(dir) === dir) throw new Error(`resources/fonts/${FONT_FILES[0].regular} not found`);
  }
}

const cache = new Map<string, Promise<FontFamilyFiles[]>>();

/** The font chain's bytes, read once per folder. */
export function loadFontFamilies(fontsDir: string): Promise<FontFamilyFiles[]> {
  let loaded = cache.get(fontsDir);
  if (!loaded) {
    loaded = Promise.all(
      FONT_FILES.map(async (f) => ({
        name: f.name,
        regular: await readFile(join(fontsDir, f.regular)),
        bold: f.bold ? await readFile(join(fontsDir, f.bold)) : null,
        prefers: 'prefers' in f ? f.prefers : undefined,
      })),
    );
    loaded.catch(() => cache.delete(fontsDir));
    cache.set(fontsDir, loaded);
  }
  return loaded;
}
