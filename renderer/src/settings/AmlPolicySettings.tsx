// The AML approve policy: approving a session whose AML hits are not all dispositioned asks for an explicit
// confirmation (the default) or is refused until every hit is dispositioned. Saved as soon as it is picked.
import { useTranslation } from 'react-i18next';
import { useSettings } from '../state/settings.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';

export function AmlPolicySettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { error, run } = useEngineAction();
  const choose = (value: 'confirm' | 'block') => run(() => update({ unreviewedHitsOnApprove: value }));
  return (
    <Section title={t('amlPolicy.title')}>
      <fieldset className="settings-aml-policy">
        <legend>{t('amlPolicy.legend')}</legend>
        {(['confirm', 'block'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="unreviewedHitsOnApprove"
              value={value}
              checked={settings.unreviewedHitsOnApprove === value}
              onChange={() => void choose(value)}
            />{' '}
            {t(`amlPolicy.${value}`)}
          </label>
        ))}
      </fieldset>
      <ErrorText error={error} />
    </Section>
  );
}
