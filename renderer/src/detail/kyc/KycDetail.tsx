// Everything a KYC import carries, in the order an analyst reviews it.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/didit/session.js';
import { AmlSection } from '../AmlSection.js';
import { fieldLocator } from './fieldLocator.js';
import { IdVerificationSection } from './IdVerificationSection.js';
import { NfcSection } from './NfcSection.js';
import { LivenessSection } from './LivenessSection.js';
import { FaceMatchSection } from './FaceMatchSection.js';
import { DatabaseValidationSection } from './DatabaseValidationSection.js';
import { ProofOfAddressSection } from './ProofOfAddressSection.js';
import { SignalsSection } from './SignalsSection.js';
import './kyc.css';

export function KycDetail({ payload }: { payload: KycSession }) {
  const { t } = useTranslation();
  const firstLiveness = payload.liveness_checks?.[0];
  const selfie = firstLiveness
    ? fieldLocator(firstLiveness.reference_image, 'liveness_checks', 0, 'reference_image')
    : null;
  return (
    <>
      {(payload.id_verifications ?? []).map((item, i) => (
        <IdVerificationSection key={item.node_id ?? i} item={item} index={i} selfieLocator={selfie} />
      ))}
      {(payload.nfc_verifications ?? []).map((item, i) => (
        <NfcSection key={item.node_id ?? i} item={item} index={i} printed={payload.id_verifications?.[i]} />
      ))}
      {(payload.face_matches ?? []).map((item, i) => (
        <FaceMatchSection key={item.node_id ?? i} item={item} index={i} />
      ))}
      {(payload.liveness_checks ?? []).map((item, i) => (
        <LivenessSection key={item.node_id ?? i} item={item} index={i} />
      ))}
      <AmlSection screenings={payload.aml_screenings ?? []} title={t('aml.title')} />
      <DatabaseValidationSection items={payload.database_validations ?? []} />
      <ProofOfAddressSection payload={payload} />
      <SignalsSection payload={payload} />
    </>
  );
}
