// The company as the registry knows it (Didit's documented company fields), and the other companies of the
// ownership chain when the payload carries nested KYB registry checks.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Company, KybSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';
import { formatNumber } from '../../common/format.js';

/** The registry's status of a company (`active`, `dissolved`, ...) in the UI's language; unknown ones as sent. */
function registryStatusLabel(t: TFunction, status: string | null | undefined): string | null {
  if (!status) return null;
  return /^[A-Za-z][A-Za-z0-9_ -]{0,40}$/.test(status)
    ? t(`registryStatus.${status.toLowerCase().replace(/[ -]/g, '_')}`, { defaultValue: status })
    : status;
}

type Registry = NonNullable<KybSession['registry_checks']>[number];

/** `{amount, currency}` as "30,000 PLN"; missing parts are left out, nothing at all is "—". */
function capitalText(capital: Company['registered_capital'], locale: string): string | null {
  if (!capital) return null;
  const amount =
    typeof capital.amount === 'number' && Number.isFinite(capital.amount)
      ? formatNumber(capital.amount, locale, 2)
      : typeof capital.amount === 'string'
        ? capital.amount
        : '';
  return [amount, capital.currency ?? ''].filter(Boolean).join(' ') || null;
}

export function RegistryCard({ registry }: { registry: Registry }) {
  const { t, i18n } = useTranslation();
  const c = registry.company;
  const names = (c?.alternative_names ?? []).filter((n) => typeof n === 'string' && n.length > 0);
  const address = c?.registered_address;
  return (
    <Section title={t('kyb.registry')} className="kyb-registry-card">
      <Warnings warnings={registry.warnings} />
      <FieldList>
        <Field label={t('kyb.companyName')} value={c?.company_name} />
        <Field label={t('kyb.registrationNumber')} value={c?.registration_number} />
        <Field label={t('kyb.countryCode')} value={c?.country_code} />
        <Field label={t('kyb.companyType')} value={c?.company_type} />
        <Field label={t('kyb.registryStatus')} value={registryStatusLabel(t, c?.registry_status)} />
        <Field label={t('kyb.incorporationDate')} value={c?.incorporation_date} />
        <Field
          label={t('kyb.registeredAddress')}
          value={
            typeof address === 'object' && address !== null ? <UnknownValue value={address} /> : (address as string)
          }
        />
        <Field label={t('kyb.taxNumber')} value={c?.tax_number} />
        <Field label={t('kyb.alternativeNames')} value={names.join(', ')} />
        <Field label={t('kyb.lei')} value={c?.legal_entity_identifier} />
        <Field label={t('kyb.natureOfBusiness')} value={c?.nature_of_business} />
        <Field label={t('kyb.registeredCapital')} value={capitalText(c?.registered_capital, i18n.language)} />
        <Field label={t('kyb.locationOfRegistration')} value={c?.location_of_registration} />
        <Field label={t('kyb.fromRegistry')} value={c?.is_from_registry} />
      </FieldList>
    </Section>
  );
}

/** The other companies of a nested KYB (registry_checks[1..]): one row each. */
export function ChainCompanies({ registries }: { registries: readonly Registry[] }) {
  const { t } = useTranslation();
  if (registries.length === 0) return null;
  return (
    <Section title={t('kyb.chain')} className="kyb-registry-chain">
      <table className="common-table">
        <caption>{t('kyb.chain')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kyb.companyName')}</th>
            <th scope="col">{t('kyb.registrationNumber')}</th>
            <th scope="col">{t('kyb.countryCode')}</th>
            <th scope="col">{t('kyb.companyType')}</th>
            <th scope="col">{t('kyb.registryStatus')}</th>
            <th scope="col">{t('kyb.natureOfBusiness')}</th>
          </tr>
        </thead>
        <tbody>
          {registries.map((r, i) => (
            <tr key={r.node_id ?? i}>
              <th scope="row">{r.company?.company_name || '—'}</th>
              <td>{r.company?.registration_number || '—'}</td>
              <td>{r.company?.country_code || '—'}</td>
              <td>{r.company?.company_type || '—'}</td>
              <td>{registryStatusLabel(t, r.company?.registry_status) ?? '—'}</td>
              <td>{r.company?.nature_of_business || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
