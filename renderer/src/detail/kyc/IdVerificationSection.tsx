// ID document: the viewer and every extracted field, fields named by a warning highlighted.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { statusLabel } from '../../common/labels.js';
import { DocumentViewer } from './DocumentViewer.js';
import { flaggedFields } from './flaggedFields.js';

type IdVerification = NonNullable<KycSession['id_verifications']>[number];

/** Fields whose values are Didit constants, shown in the UI's language (`<field>.<value>`), unknown ones as sent. */
const TRANSLATED_VALUES: Record<string, string> = {
  document_type: 'documentType',
  document_subtype: 'documentSubtype',
  gender: 'genderValue',
};

function shownValue(t: TFunction, field: string, value: ReturnType<typeof scalar>): ReturnType<typeof scalar> {
  const namespace = TRANSLATED_VALUES[field];
  if (!namespace || typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_ ]{0,60}$/.test(value)) return value;
  return t(`${namespace}.${value.replace(/ /g, '_')}`, { defaultValue: value });
}

const FIELDS = [
  'full_name',
  'first_name',
  'last_name',
  'document_type',
  'document_subtype',
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

/** A field as text; anything else a partner sent in its place shows as missing rather than crashing the case. */
function scalar(value: unknown): string | number | boolean | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

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
      {item.status && <p className="detail-feature-status">{statusLabel(t, item.status)}</p>}
      <Warnings warnings={item.warnings} />
      <DocumentViewer index={index} selfieLocator={selfieLocator} item={item} />
      <FieldList>
        {FIELDS.map((f) => (
          <Field key={f} label={t(`fields.${f}`)} value={shownValue(t, f, scalar(item[f]))} flagged={flagged.has(f)} />
        ))}
      </FieldList>
    </Section>
  );
}
