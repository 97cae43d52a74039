// Liveness: method, score against its threshold, estimated age and the reference image.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Gauge } from '../../common/Gauge.js';
import { Warnings } from '../../common/Warnings.js';
import { statusLabel } from '../../common/labels.js';
import { MediaImage } from '../media.js';
import { useSettings } from '../../state/settings.js';
import { fieldLocator } from './fieldLocator.js';

type Liveness = NonNullable<KycSession['liveness_checks']>[number];

export function LivenessSection({ item, index }: { item: Liveness; index: number }) {
  const { t } = useTranslation();
  const threshold = useSettings((s) => s.settings.livenessThreshold);
  return (
    <Section title={t('kyc.liveness')}>
      <Warnings warnings={item.warnings} />
      <div className="detail-media-with-facts">
        <MediaImage
          locator={fieldLocator(item.reference_image, 'liveness_checks', index, 'reference_image')}
          alt={t('kyc.livenessReference')}
          className="detail-portrait"
        />
        <div>
          <Gauge label={t('kyc.livenessScore')} score={item.score} threshold={threshold} />
          <FieldList>
            <Field
              label={t('kyc.method')}
              value={item.method ? t(`livenessMethod.${item.method}`, { defaultValue: item.method }) : null}
            />
            <Field label={t('kyc.ageEstimation')} value={item.age_estimation} />
            <Field label={t('common.status')} value={item.status ? statusLabel(t, item.status) : null} />
          </FieldList>
        </div>
      </div>
    </Section>
  );
}
