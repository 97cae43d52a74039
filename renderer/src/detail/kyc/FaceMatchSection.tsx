// Face match: both images side by side and the similarity score on a gauge against its threshold.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Gauge } from '../../common/Gauge.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { statusLabel } from '../../common/labels.js';
import { MediaImage } from '../media.js';
import { useSettings } from '../../state/settings.js';
import { fieldLocator } from './fieldLocator.js';

type FaceMatch = NonNullable<KycSession['face_matches']>[number];

export function FaceMatchSection({ item, index }: { item: FaceMatch; index: number }) {
  const { t } = useTranslation();
  const threshold = useSettings((s) => s.settings.faceMatchThreshold);
  return (
    <Section title={t('kyc.faceMatch')}>
      <Warnings warnings={item.warnings} />
      <div className="common-side-by-side">
        <figure>
          <MediaImage
            locator={fieldLocator(item.source_image, 'face_matches', index, 'source_image')}
            alt={t('kyc.faceSource')}
            className="detail-portrait"
          />
          <figcaption>{t('kyc.faceSource')}</figcaption>
        </figure>
        <figure>
          <MediaImage
            locator={fieldLocator(item.target_image, 'face_matches', index, 'target_image')}
            alt={t('kyc.faceTarget')}
            className="detail-portrait"
          />
          <figcaption>{t('kyc.faceTarget')}</figcaption>
        </figure>
      </div>
      <Gauge label={t('kyc.faceMatchScore')} score={item.score} threshold={threshold} />
      <FieldList>
        <Field label={t('common.status')} value={item.status ? statusLabel(t, item.status) : null} />
        {item.source_image_session_id && (
          <Field label={t('kyc.sourceImageSession')} value={item.source_image_session_id} />
        )}
      </FieldList>
    </Section>
  );
}
