// Everything a KYB import carries: registry, ownership, key people, documents, company AML, questionnaires.
import { useTranslation } from 'react-i18next';
import type { KybSession } from '../../../../shared/didit/session.js';
import { AmlSection } from '../AmlSection.js';
import { ChainCompanies, RegistryCard } from './RegistryCard.js';
import { OwnershipSection } from './OwnershipSection.js';
import { KeyPeopleSection } from './KeyPeopleSection.js';
import { KybDocumentsSection, QuestionnairesSection } from './KybDocumentsSection.js';
import './kyb.css';

export function KybDetail({ payload }: { payload: KybSession }) {
  const { t } = useTranslation();
  const registries = payload.registry_checks ?? [];
  const registry = registries[0];
  const companyName = registry?.company?.company_name || t('queue.unnamed');
  return (
    <>
      {registry && <RegistryCard registry={registry} />}
      <OwnershipSection companyName={companyName} payload={payload} />
      <KeyPeopleSection
        checks={payload.key_people_checks ?? []}
        companyNames={registries.map((r) => r.company?.company_name)}
      />
      <ChainCompanies registries={registries.slice(1)} />
      <KybDocumentsSection payload={payload} />
      <AmlSection screenings={payload.aml_screenings ?? []} title={t('aml.companyTitle')} />
      <QuestionnairesSection payload={payload} />
    </>
  );
}
