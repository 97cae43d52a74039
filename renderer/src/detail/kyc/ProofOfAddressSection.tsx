// Proof of address: the document's facts and its file (an image shown, a PDF previewed inline and offered as a
// download). Didit sends the
// block as `poa_verifications` in a decision and `proof_of_address` in the seed's import answer; the reader puts
// both under `proof_of_address`, and each media field's value is the locator of where it was actually sent.
import { useTranslation } from 'react-i18next';
import { type KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { UnknownValue } from '../../common/UnknownValue.js';
import { statusLabel } from '../../common/labels.js';
import { MediaDocument } from '../media.js';
import { fieldLocator } from './fieldLocator.js';

/** The parts of Didit's poa_parsed_address, in address order. */
const PARSED_PARTS = ['street_1', 'street_2', 'postal_code', 'city', 'region', 'country'] as const;

function parsedAddress(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const parts = PARSED_PARTS.map((k) => (value as Record<string, unknown>)[k]).filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  return parts.length > 0 ? parts.join(', ') : null;
}

export function ProofOfAddressSection({ payload }: { payload: KycSession }) {
  const { t } = useTranslation();
  const items = payload.proof_of_address ?? [];
  if (items.length === 0) return null;
  return (
    <Section title={t('kyc.proofOfAddress')}>
      {items.map((item, i) => {
        const parsed = parsedAddress(item.poa_parsed_address);
        return (
          <div key={item.node_id ?? i} className="detail-media-with-facts">
            <MediaDocument
              locator={fieldLocator(item.document_file, 'proof_of_address', i, 'document_file')}
              alt={t('kyc.poaDocument')}
              className="detail-document-thumb"
            />
            <div>
              {item.status && <p className="detail-feature-status">{statusLabel(t, item.status)}</p>}
              <Warnings warnings={item.warnings} />
              <FieldList>
                <Field
                  label={t('fields.document_type')}
                  value={
                    item.document_type ? t(`poaType.${item.document_type}`, { defaultValue: item.document_type }) : null
                  }
                />
                <Field label={t('kyc.issuer')} value={item.issuer} />
                <Field label={t('kyc.issueDate')} value={item.issue_date} />
                <Field label={t('fields.issuing_state')} value={item.issuing_state} />
                <Field label={t('kyc.documentLanguage')} value={item.document_language} />
                <Field label={t('kyc.nameOnDocument')} value={item.name_on_document} />
                <Field label={t('fields.address')} value={item.poa_address} />
                {item.poa_formatted_address && item.poa_formatted_address !== item.poa_address && (
                  <Field label={t('kyc.formattedAddress')} value={item.poa_formatted_address} />
                )}
                {parsed !== null ? (
                  <Field label={t('kyc.parsedAddress')} value={parsed} />
                ) : (
                  item.poa_parsed_address !== undefined &&
                  item.poa_parsed_address !== null && (
                    <Field label={t('kyc.parsedAddress')} value={<UnknownValue value={item.poa_parsed_address} />} />
                  )
                )}
              </FieldList>
            </div>
          </div>
        );
      })}
    </Section>
  );
}
