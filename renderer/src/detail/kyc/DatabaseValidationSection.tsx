// Government database validations (Didit's database_validations): the roll-up match type, the validation method,
// the data sent to the registry, and per registry service its outcome code, detail, per-field result and the data
// the registry returned. Partner text: rendered as text only.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';
import { statusLabel } from '../../common/labels.js';

type Validation = NonNullable<KycSession['database_validations']>[number];
type Service = NonNullable<Validation['validations']>[number];

const FLAGGED_OUTCOMES = /no_match|partial|not_found|invalid|deceased|blocked/i;

/** `{full_name: "full_match", ...}` as a list of field: result, results translated; anything else as sent. */
function FieldResults({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return <UnknownValue value={value} />;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span>—</span>;
  return (
    <ul className="common-unknown-list">
      {entries.map(([field, result]) => (
        <li
          key={field}
          className={typeof result === 'string' && FLAGGED_OUTCOMES.test(result) ? 'kyc-flagged' : undefined}
        >
          {t(`fields.${field}`, { defaultValue: field.replace(/_/g, ' ') })}:{' '}
          {typeof result === 'string' ? (
            t(`matchType.${result}`, { defaultValue: result })
          ) : (
            <UnknownValue value={result} depth={1} />
          )}
        </li>
      ))}
    </ul>
  );
}

function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function ServiceRow({ service }: { service: Service }) {
  const { t } = useTranslation();
  const code =
    service.outcome_code === null || service.outcome_code === undefined ? null : String(service.outcome_code);
  return (
    <tr>
      <td>{service.service_name ?? service.service_id ?? '—'}</td>
      <td className={code !== null && FLAGGED_OUTCOMES.test(code) ? 'kyc-flagged' : undefined}>
        {code === null ? '—' : t(`dbOutcome.${code}`, { defaultValue: code })}
        {service.outcome_detail && <p className="muted">{service.outcome_detail}</p>}
      </td>
      <td>
        <FieldResults value={service.validation} />
      </td>
      <td>
        {hasContent(service.source_data) ? (
          <details>
            <summary>{t('kyc.sourceData')}</summary>
            <UnknownValue value={service.source_data} />
          </details>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

export function DatabaseValidationSection({ items }: { items: readonly Validation[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Section title={t('kyc.databaseValidation')}>
      {items.map((item, i) => (
        <div key={item.node_id ?? i}>
          <Warnings warnings={item.warnings} />
          <FieldList>
            <Field label={t('common.status')} value={item.status ? statusLabel(t, item.status) : null} />
            <Field label={t('fields.issuing_state')} value={item.issuing_state} />
            <Field
              label={t('kyc.matchType')}
              value={item.match_type ? t(`matchType.${item.match_type}`, { defaultValue: item.match_type }) : null}
              flagged={item.match_type === 'no_match' || item.match_type === 'partial_match'}
            />
            <Field
              label={t('kyc.validationType')}
              value={
                item.validation_type
                  ? t(`validationType.${item.validation_type}`, { defaultValue: item.validation_type })
                  : null
              }
            />
          </FieldList>
          {hasContent(item.screened_data) && (
            <details>
              <summary>{t('kyc.screenedData')}</summary>
              <UnknownValue value={item.screened_data} />
            </details>
          )}
          {(item.validations ?? []).length > 0 && (
            <table className="common-table">
              <caption className="visually-hidden">{t('kyc.validations')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kyc.service')}</th>
                  <th scope="col">{t('kyc.outcome')}</th>
                  <th scope="col">{t('kyc.validation')}</th>
                  <th scope="col">{t('kyc.sourceData')}</th>
                </tr>
              </thead>
              <tbody>
                {(item.validations ?? []).map((v, j) => (
                  <ServiceRow key={j} service={v} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </Section>
  );
}
