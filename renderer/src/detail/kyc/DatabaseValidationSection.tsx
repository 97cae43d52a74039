// Government database validations: overall match type and each service's outcome.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';

type Validation = NonNullable<KycSession['database_validations']>[number];

export function DatabaseValidationSection({ items }: { items: readonly Validation[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Section title={t('kyc.databaseValidation')}>
      {items.map((item, i) => (
        <div key={item.node_id ?? i}>
          <Warnings warnings={item.warnings} />
          <FieldList>
            <Field label={t('fields.issuing_state')} value={item.issuing_state} />
            <Field
              label={t('kyc.matchType')}
              value={item.match_type ? t(`matchType.${item.match_type}`, { defaultValue: item.match_type }) : null}
              flagged={item.match_type === 'no_match' || item.match_type === 'partial_match'}
            />
          </FieldList>
          {(item.validations ?? []).length > 0 && (
            <table className="data-table">
              <caption className="visually-hidden">{t('kyc.validations')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kyc.service')}</th>
                  <th scope="col">{t('kyc.validation')}</th>
                  <th scope="col">{t('kyc.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {item.validations!.map((v, j) => (
                  <tr key={j}>
                    <td>{v.service_name ?? '—'}</td>
                    <td>
                      <UnknownValue value={v.validation} />
                    </td>
                    <td>{v.outcome_detail ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </Section>
  );
}
