// Officers, registered beneficial owners and submitted parties of every company in the payload, with their roles
// (Didit's role objects: a name and, for owners, ownership and voting percentages), source and linked KYC status.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KeyPerson, KybSession } from '../../../../shared/didit/session.js';
import { partyName, roleKey } from '../../../../shared/ownership.js';
import { Section } from '../../common/Section.js';
import { Warnings } from '../../common/Warnings.js';
import { formatPercent } from '../../common/format.js';
import { statusLabel } from '../../common/labels.js';

type KeyPeople = NonNullable<KybSession['key_people_checks']>[number];

export function KeyPeopleSection({
  checks,
  companyNames,
}: {
  checks: readonly KeyPeople[];
  /** The company each check describes (registry_checks at the same index), when known. */
  companyNames: readonly (string | null | undefined)[];
}) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  return (
    <Section title={t('kyb.keyPeople')}>
      {checks.map((c, i) => {
        const company = companyNames[i];
        const suffix = checks.length > 1 && company ? ` — ${company}` : '';
        return (
          <div key={c.node_id ?? i} className="kyb-key-people-check">
            {checks.length > 1 && <h4>{t('kyb.peopleOf', { company: company || '—' })}</h4>}
            <Warnings warnings={c.warnings} />
            <PeopleTable caption={`${t('kyb.officers')}${suffix}`} people={c.registry?.officers ?? []} />
            <PeopleTable
              caption={`${t('kyb.registeredOwners')}${suffix}`}
              people={c.registry?.beneficial_owners ?? []}
            />
            <PeopleTable caption={`${t('kyb.submittedParties')}${suffix}`} people={c.submitted?.parties ?? []} />
          </div>
        );
      })}
    </Section>
  );
}

export function roleLabel(t: TFunction, role: string): string {
  return t(`role.${roleKey(role)}`, { defaultValue: role });
}

/** "Shareholder: 30.00 %" for each role that carries the figure; "—" when none does. */
function shares(t: TFunction, p: KeyPerson, field: 'ownership_percent' | 'voting_percent', locale: string) {
  const parts = (p.roles ?? []).flatMap((r) => {
    const value = r[field];
    return typeof value === 'number' && Number.isFinite(value)
      ? [t('kyb.roleShare', { role: roleLabel(t, r.role), value: formatPercent(value, locale) })]
      : [];
  });
  return parts.length === 0 ? '—' : parts.map((line, i) => <div key={i}>{line}</div>);
}

function PeopleTable({ caption, people }: { caption: string; people: readonly KeyPerson[] }) {
  const { t, i18n } = useTranslation();
  if (people.length === 0) return null;
  return (
    <table className="common-table kyb-key-people">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ownership.name')}</th>
          <th scope="col">{t('kyb.type')}</th>
          <th scope="col">{t('kyb.roles')}</th>
          <th scope="col">{t('kyb.ownership')}</th>
          <th scope="col">{t('kyb.voting')}</th>
          <th scope="col">{t('kyb.country')}</th>
          <th scope="col">{t('kyb.source')}</th>
          <th scope="col">{t('kyb.kycStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p, i) => {
          const company = p.entity_type?.toLowerCase() === 'company';
          const type = p.entity_type
            ? t(`ownership.type.${company ? 'company' : 'person'}`, { defaultValue: p.entity_type })
            : '—';
          return (
            <tr key={p.uuid ?? i}>
              <th scope="row">
                {partyName(p) ?? '—'}
                {company && p.registration_number && (
                  <span className="muted"> · {t('kyb.registrationShort', { value: p.registration_number })}</span>
                )}
              </th>
              <td>{type}</td>
              <td>{(p.roles ?? []).map((r) => roleLabel(t, r.role)).join(', ') || '—'}</td>
              <td className="common-table-numeric">{shares(t, p, 'ownership_percent', i18n.language)}</td>
              <td className="common-table-numeric">{shares(t, p, 'voting_percent', i18n.language)}</td>
              <td>{p.country || p.nationality || '—'}</td>
              <td>{p.source ? t(`personSource.${p.source}`, { defaultValue: p.source }) : '—'}</td>
              <td>
                {p.kyc_status ? statusLabel(t, p.kyc_status) : company ? '—' : t('kyb.noKyc')}
                {p.kyc_session_id && <span className="muted"> · {t('kyb.kycSession', { id: p.kyc_session_id })}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
