// NFC chip read of an e-passport or e-ID (Didit's nfc_verifications): the chip's portrait and signature, the data
// groups read from the chip (a value that differs from the printed document is highlighted), whether the chip's
// security object and data groups verify, and the signing certificate. Partner text: rendered as text only.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';
import { statusLabel } from '../../common/labels.js';
import { MediaImage, useMedia } from '../media.js';
import { fieldLocator } from './fieldLocator.js';

type Nfc = NonNullable<KycSession['nfc_verifications']>[number];
type IdVerification = NonNullable<KycSession['id_verifications']>[number];

/** Chip data fields and the printed field they should agree with. */
const CHIP_FIELDS = [
  ['document_type', null],
  ['issuing_country', 'issuing_state'],
  ['document_number', 'document_number'],
  ['first_name', 'first_name'],
  ['last_name', 'last_name'],
  ['birth_date', 'date_of_birth'],
  ['gender', 'gender'],
  ['nationality', 'nationality'],
  ['expiration_date', 'expiration_date'],
  ['place_of_birth', null],
  ['address', null],
] as const;
const CERTIFICATE_FIELDS = ['issuer', 'subject', 'serial_number', 'not_valid_before', 'not_valid_after'] as const;

const text = (value: unknown): string | number | boolean | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const same = (a: unknown, b: unknown) =>
  String(a ?? '')
    .trim()
    .toLowerCase() ===
  String(b ?? '')
    .trim()
    .toLowerCase();

export function NfcSection({ item, index, printed }: { item: Nfc; index: number; printed?: IdVerification }) {
  const { t } = useTranslation();
  const chip = record(item.chip_data);
  const certificate = record(item.certificate_summary);
  const authenticity = item.authenticity ?? null;
  const portrait = fieldLocator(item.portrait_image, 'nfc_verifications', index, 'portrait_image');
  const signature = fieldLocator(item.signature_image, 'nfc_verifications', index, 'signature_image');
  const hasSignature = useMedia(signature) !== null;
  const known = new Set<string>(CHIP_FIELDS.map(([f]) => f));
  const otherChipData = Object.fromEntries(Object.entries(chip).filter(([k]) => !known.has(k)));
  return (
    <Section title={t('nfc.title')}>
      {item.status && <p className="detail-feature-status">{statusLabel(t, item.status)}</p>}
      <Warnings warnings={item.warnings} />
      <div className="detail-media-with-facts">
        <figure>
          <MediaImage locator={portrait} alt={t('nfc.portrait')} className="detail-portrait" />
          <figcaption>{t('nfc.portrait')}</figcaption>
          {hasSignature && (
            <MediaImage locator={signature} alt={t('nfc.signature')} className="detail-document-thumb" />
          )}
        </figure>
        <div>
          <h4>{t('nfc.authenticity')}</h4>
          <FieldList>
            <Field
              label={t('nfc.sodIntegrity')}
              value={authenticity?.sod_integrity}
              flagged={authenticity?.sod_integrity === false}
            />
            <Field
              label={t('nfc.dgIntegrity')}
              value={authenticity?.dg_integrity}
              flagged={authenticity?.dg_integrity === false}
            />
          </FieldList>
          <h4>{t('nfc.chipData')}</h4>
          <FieldList>
            {CHIP_FIELDS.map(([field, printedField]) => {
              const value = chip[field];
              const differs =
                printed !== undefined &&
                printedField !== null &&
                value !== undefined &&
                value !== null &&
                printed[printedField] !== undefined &&
                printed[printedField] !== null &&
                !same(value, printed[printedField]);
              return (
                <Field
                  key={field}
                  label={t(`nfc.field.${field}`)}
                  value={typeof value === 'object' && value !== null ? <UnknownValue value={value} /> : text(value)}
                  flagged={differs}
                />
              );
            })}
          </FieldList>
          {Object.keys(otherChipData).length > 0 && <UnknownValue value={otherChipData} />}
          <h4>{t('nfc.certificate')}</h4>
          <FieldList>
            {CERTIFICATE_FIELDS.map((field) => (
              <Field key={field} label={t(`nfc.field.${field}`)} value={text(certificate[field])} />
            ))}
          </FieldList>
        </div>
      </div>
    </Section>
  );
}
