// The company as the registry knows it.
import { useTranslation } from 'react-i18next';
import type { KybSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';

type Registry = NonNullable<KybSession['registry_checks']>[number];

export function RegistryCard({ registry }: { registry: Registry }) {
  const { t } = useTranslation();
  const c = registry.company;
  return (
    <Section title={t('kyb.registry')} className="registry-card">
      <Warnings warnings={registry.warnings} />
      <FieldList>
        <Field label={t('kyb.legalName')} value={c?.legal_name} />
        <Field label={t('kyb.registrationNumber')} value={c?.registration_number} />
        <Field label={t('kyb.jurisdiction')} value={c?.jurisdiction} />
        <Field label={t('kyb.legalForm')} value={c?.legal_form} />
        <Field label={t('kyb.incorporationDate')} value={c?.incorporation_date} />
        <Field label={t('kyb.companyStatus')} value={c?.status} />
        <Field label={t('fields.address')} value={c?.address} />
      </FieldList>
    </Section>
  );
}
