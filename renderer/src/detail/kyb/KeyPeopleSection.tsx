// Officers, registered beneficial owners and submitted parties, with roles, source and each person's KYC status.
import { useTranslation } from 'react-i18next';
import type { KeyPerson, KybSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Warnings } from '../../common/Warnings.js';
import { formatNumber } from '../../common/format.js';
import { statusLabel } from '../../common/labels.js';

type KeyPeople = NonNullable<KybSession['key_people_checks']>[number];

export function KeyPeopleSection({ checks }: { checks: readonly KeyPeople[] }) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  return (
    <Section title={t('kyb.keyPeople')}>
      {checks.map((c, i) => (
        <div key={c.node_id ?? i}>
          <Warnings warnings={c.warnings} />
          <PeopleTable caption={t('kyb.officers')} people={c.registry?.officers ?? []} />
          <PeopleTable caption={t('kyb.registeredOwners')} people={c.registry?.beneficial_owners ?? []} />
          <PeopleTable caption={t('kyb.submittedParties')} people={c.submitted?.parties ?? []} />
        </div>
      ))}
    </Section>
  );
}

function PeopleTable({ caption, people }: { caption: string; people: readonly KeyPerson[] }) {
  const { t, i18n } = useTranslation();
  if (people.length === 0) return null;
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ownership.name')}</th>
          <th scope="col">{t('kyb.roles')}</th>
          <th scope="col">{t('kyb.source')}</th>
          <th scope="col">{t('kyb.ownership')}</th>
          <th scope="col">{t('kyb.kycStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p, i) => (
          <tr key={p.id ?? i}>
            <th scope="row">{p.name}</th>
            <td>{(p.roles ?? []).map((r) => t(`role.${r}`, { defaultValue: r })).join(', ') || '—'}</td>
            <td>{p.source ? t(`personSource.${p.source}`, { defaultValue: p.source }) : '—'}</td>
            <td className="numeric">
              {p.ownership_percentage === null || p.ownership_percentage === undefined
                ? '—'
                : `${formatNumber(p.ownership_percentage, i18n.language, 2)} %`}
            </td>
            <td>
              {p.kyc_status ? statusLabel(t, p.kyc_status) : t('kyb.noKyc')}
              {p.kyc_session_id && <span className="muted"> · {p.kyc_session_id}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
