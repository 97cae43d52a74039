// Label/value lists for extracted data. Values are partner strings: rendered as text only.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type FieldValue = string | number | boolean | null | undefined;

export function FieldList({ children }: { children: ReactNode }) {
  return <dl className="common-fields">{children}</dl>;
}

/** A number in the UI's language (decimal comma in Spanish), without grouping: years and counts read as sent. */
function formatPlainNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(value);
}

export function Field({ label, value, flagged }: { label: string; value: FieldValue | ReactNode; flagged?: boolean }) {
  const { t, i18n } = useTranslation();
  const shown =
    value === null || value === undefined || value === ''
      ? '—'
      : typeof value === 'boolean'
        ? value
          ? t('common.yes')
          : t('common.no')
        : typeof value === 'number'
          ? formatPlainNumber(value, i18n.language)
          : value;
  return (
    <div className={flagged ? 'common-field common-field-flagged' : 'common-field'}>
      <dt>{label}</dt>
      <dd>{shown}</dd>
    </div>
  );
}
