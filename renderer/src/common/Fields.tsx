// Label/value lists for extracted data. Values are partner strings: rendered as text only.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type FieldValue = string | number | boolean | null | undefined;

export function FieldList({ children }: { children: ReactNode }) {
  return <dl className="common-fields">{children}</dl>;
}

export function Field({ label, value, flagged }: { label: string; value: FieldValue | ReactNode; flagged?: boolean }) {
  const { t } = useTranslation();
  const shown =
    value === null || value === undefined || value === ''
      ? '—'
      : typeof value === 'boolean'
        ? value
          ? t('common.yes')
          : t('common.no')
        : value;
  return (
    <div className={flagged ? 'common-field common-field-flagged' : 'common-field'}>
      <dt>{label}</dt>
      <dd>{shown}</dd>
    </div>
  );
}
