// Proof of address: the document's facts and its file (image shown, PDF offered as a download).
import { useTranslation } from 'react-i18next';
import { proofOfAddress, type KycSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { MediaImage, locatorOf } from '../media.js';

export function ProofOfAddressSection({ payload }: { payload: KycSession }) {
  const { t } = useTranslation();
  const items = proofOfAddress(payload);
  // Locators follow the array the payload actually used.
  const array = payload.proof_of_address ? 'proof_of_address' : 'poa_verifications';
  if (items.length === 0) return null;
  return (
    <Section title={t('kyc.proofOfAddress')}>
      {items.map((item, i) => (
        <div key={item.node_id ?? i} className="media-with-facts">
          <MediaImage
            locator={locatorOf(array, i, 'document_file')}
            alt={t('kyc.poaDocument')}
            className="document-thumb"
          />
          <div>
            <Warnings warnings={item.warnings} />
            <FieldList>
              <Field label={t('fields.document_type')} value={item.document_type} />
              <Field label={t('kyc.issuer')} value={item.issuer} />
              <Field label={t('kyc.issueDate')} value={item.issue_date} />
              <Field label={t('fields.address')} value={item.poa_address} />
              <Field label={t('kyc.nameOnDocument')} value={item.name_on_document} />
            </FieldList>
          </div>
        </div>
      ))}
    </Section>
  );
}
