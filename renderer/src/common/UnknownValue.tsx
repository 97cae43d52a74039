// Renders an arbitrary JSON value from a partner (PEP details, sanction entries, questionnaire answers) as plain
// text: nested lists, never HTML, depth-limited.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

const MAX_DEPTH = 4;
const MAX_ITEMS = 50;

/** A partner's field name in the UI's language where it is a known one (`fields.<name>`), else as sent, spaced. */
function fieldLabel(t: TFunction, key: string): string {
  const spaced = key.replace(/_/g, ' ');
  // Only plain names are looked up: a partner's key never reaches i18next's key syntax (`.`, `:`).
  return /^[A-Za-z][A-Za-z0-9_]{0,60}$/.test(key) ? t(`fields.${key}`, { defaultValue: spaced }) : spaced;
}

export function UnknownValue({ value, depth = 0 }: { value: unknown; depth?: number }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <span>—</span>;
  if (typeof value === 'boolean') return <span>{value ? t('common.yes') : t('common.no')}</span>;
  if (typeof value !== 'object') return <span>{String(value)}</span>;
  if (depth >= MAX_DEPTH) return <span>…</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>—</span>;
    return (
      <ul className="common-unknown-list">
        {value.slice(0, MAX_ITEMS).map((item, i) => (
          <li key={i}>
            <UnknownValue value={item} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS);
  return (
    <dl className="common-unknown-object">
      {entries.map(([key, item]) => (
        <div key={key}>
          <dt>{fieldLabel(t, key)}</dt>
          <dd>
            <UnknownValue value={item} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
