// ID document: the viewer and every extracted field, fields named by a warning highlighted.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { statusLabel } from '../../common/labels.js';
import { DocumentViewer } from './DocumentViewer.js';
import { flaggedFields } from './flaggedFields.js';

type IdVerification = NonNullable<KycSession['id_verifications']>[number];

const FIELDS = [
  'full_name',
  'first_name',
  'last_name',
  'document_type',
  'document_number',
  'personal_number',
  'issuing_state_name',
  'issuing_state',
  'nationality',
  'date_of_birth',
  'age',
  'gender',
  'place_of_birth',
  'address',
  'date_of_issue',
  'expiration_date',
] as const;

export function IdVerificationSection({
  item,
  index,
  selfieLocator,
}: {
  item: IdVerification;
  index: number;
  selfieLocator: string | null;
}) {
  const { t } = useTranslation();
  const flagged = flaggedFields(item.warnings);
  return (
    <Section title={t('kyc.idDocument')}>
      {item.status && <p className="feature-status">{statusLabel(t, item.status)}</p>}
      <Warnings warnings={item.warnings} />
      <DocumentViewer index={index} selfieLocator={selfieLocator} />
      <FieldList>
        {FIELDS.map((f) => (
          <Field key={f} label={t(`fields.${f}`)} value={item[f]} flagged={flagged.has(f)} />
        ))}
      </FieldList>
    </Section>
  );
}
