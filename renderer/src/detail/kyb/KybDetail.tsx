// Everything a KYB import carries: registry, ownership, key people, documents, company AML, questionnaires.
import { useTranslation } from 'react-i18next';
import type { KybSession } from '../../../../shared/session.js';
import { AmlSection } from '../AmlSection.js';
import { RegistryCard } from './RegistryCard.js';
import { OwnershipSection } from './OwnershipSection.js';
import { KeyPeopleSection } from './KeyPeopleSection.js';
import { KybDocumentsSection, QuestionnairesSection } from './KybDocumentsSection.js';

export function KybDetail({ payload }: { payload: KybSession }) {
  const { t } = useTranslation();
  const registry = payload.registry_checks?.[0];
  const companyName = registry?.company?.legal_name ?? t('queue.unnamed');
  return (
    <>
      {registry && <RegistryCard registry={registry} />}
      <OwnershipSection companyName={companyName} structure={registry?.ownership_structure ?? []} />
      <KeyPeopleSection checks={payload.key_people_checks ?? []} />
      <KybDocumentsSection payload={payload} />
      <AmlSection screenings={payload.aml_screenings ?? []} title={t('aml.companyTitle')} />
      <QuestionnairesSection payload={payload} />
    </>
  );
}
