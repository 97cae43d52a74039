// The AML approve policy: approving a session whose AML hits are not all dispositioned asks for an explicit
// confirmation (the default) or is refused until every hit is dispositioned. Saved as soon as it is picked.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../state/settings.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';

export function AmlPolicySettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [error, setError] = useState<unknown>(null);
  const choose = async (value: 'confirm' | 'block') => {
    setError(null);
    try {
      await update({ unreviewedHitsOnApprove: value });
    } catch (e) {
      setError(e);
    }
  };
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
