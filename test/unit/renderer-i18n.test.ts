// Every string the UI shows comes from the catalogues: both languages must have the same keys, no blanks, a
// message for every engine error code, and every key the components use must exist.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../renderer/src/i18n/en.json';
import es from '../../renderer/src/i18n/es.json';
import { CONNECTION_ROLES } from '../../shared/reviewer-api.js';
import { REVIEWER_ERROR_CODES } from '../../shared/reviewer-errors.js';
import { KYC_STATUSES, AML_REVIEW_STATUSES } from '../../shared/didit/statuses.js';
import { KEY_PERSON_ROLES } from '../../shared/ownership.js';
import { AGE_FILTERS } from '../../renderer/src/queue/filters.js';
import { TTL_PRESETS } from '../../renderer/src/outbound/ttl.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten(en as Tree), es: flatten(es as Tree) };

/** A key as a component asks for it: plural keys exist as `key_one` / `key_other`. */
function has(lang: 'en' | 'es', key: string): boolean {
  const c = catalogues[lang];
  return c.has(key) || (c.has(`${key}_one`) && c.has(`${key}_other`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'bridge' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('translation catalogues', () => {
  it('have the same keys in English and Spanish, none empty', () => {
    expect([...catalogues.es.keys()].sort()).toEqual([...catalogues.en.keys()].sort());
    for (const [lang, c] of Object.entries(catalogues)) {
      for (const [key, value] of c) expect(value.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('are really translated: most Spanish strings differ from the English ones', () => {
    const same = [...catalogues.en].filter(([k, v]) => catalogues.es.get(k) === v).map(([k]) => k);
    // Identical only where the word is the same in both (KYC, PEP, vendor_data, "No", "Error", ...).
    expect(same.length / catalogues.en.size).toBeLessThan(0.1);
  });

  it('translate every ReviewerError code and every enumeration the UI labels', () => {
    const required = [
      ...REVIEWER_ERROR_CODES.map((c) => `errors.${c}`),
      ...KYC_STATUSES.map((s) => `status.${s}`),
      ...AML_REVIEW_STATUSES.map((s) => `amlReview.${s}`),
      ...KEY_PERSON_ROLES.map((r) => `role.${r}`),
      ...CONNECTION_ROLES.map((r) => `connectionRole.${r}`),
      ...AGE_FILTERS.map((a) => `queue.ages.${a}`),
      ...TTL_PRESETS.map((p) => `outbound.ttlPreset.${p.key}`),
      ...['queued', 'sending', 'synced', 'conflict'].map((s) => `decisionState.${s}`),
      ...['notANumber', 'notWhole', 'outOfRange'].map((r) => `outbound.ttlError.${r}`),
      ...['root', 'company', 'person'].map((r) => `ownership.type.${r}`),
    ];
    for (const lang of ['en', 'es'] as const) {
      const missing = required.filter((k) => !has(lang, k));
      expect(missing, lang).toEqual([]);
    }
  });

  it('contain every key the components ask for', () => {
    const namespaces = new Set(Object.keys(en));
    const used = new Set<string>();
    for (const file of sourceFiles(join(__dirname, '../../renderer/src'))) {
      const text = readFileSync(file, 'utf8');
      // An engine event's type (`type: 'partners.changed'`, `event.type === ...`) is not a key, whatever its prefix.
      for (const match of text.matchAll(/(?<!type\s*(?::|[=!]==)\s*)['"`]([a-zA-Z]+(?:\.[a-zA-Z_]+)+)['"`]/g)) {
        if (namespaces.has(match[1].split('.')[0]) && !/\.(js|css|tsx?)$/.test(match[1])) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(200);
    for (const lang of ['en', 'es'] as const) {
      expect(
        [...used].filter((k) => !has(lang, k)),
        lang,
      ).toEqual([]);
    }
  });
});
