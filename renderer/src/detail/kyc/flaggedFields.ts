// Which extracted ID fields a warning is about, from its risk code and text (Didit's warnings name risks such as
// DOCUMENT_EXPIRED or NAME_MISMATCH rather than fields), so the field can be highlighted next to its value.
import type { Warning } from '../../../../shared/didit/session.js';

const RULES: [RegExp, string[]][] = [
  [/expir/i, ['expiration_date']],
  [/birth|minor|under_?age|\bage\b/i, ['date_of_birth', 'age']],
  [/name/i, ['full_name', 'first_name', 'last_name']],
  [/document_?number|doc_?number|number_mismatch/i, ['document_number']],
  [/personal_?number/i, ['personal_number']],
  [/address/i, ['address']],
  [/nationality/i, ['nationality']],
  [/gender|sex/i, ['gender']],
  [/issu(e|ing)_?(date|state|country)|issuing/i, ['date_of_issue', 'issuing_state']],
];

export function flaggedFields(warnings: readonly Warning[] | null | undefined): Set<string> {
  const fields = new Set<string>();
  for (const w of warnings ?? []) {
    const text = [w.risk, w.short_description].filter(Boolean).join(' ');
    for (const [pattern, names] of RULES) if (pattern.test(text)) names.forEach((n) => fields.add(n));
  }
  return fields;
}
