// Language and theme apply at once.
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/reviewer-api.js';
import { LANGUAGES, type Language } from '../i18n/index.js';
import { useSettings } from '../state/settings.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { SelectField } from '../common/FormFields.js';

const THEMES: Settings['theme'][] = ['system', 'light', 'dark'];

export function AppearanceSettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { error, run } = useEngineAction();
  const change = (patch: Partial<Settings>) => void run(() => update(patch));
  return (
    <Section title={t('settings.appearance')}>
      <div className="common-form-grid">
        <SelectField
          label={t('settings.language')}
          value={settings.language}
          choices={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`), lang: l }))}
          onValue={(v) => change({ language: v as Language })}
        />
        <SelectField
          label={t('settings.theme')}
          value={settings.theme}
          choices={THEMES.map((th) => ({ value: th, label: t(`theme.${th}`) }))}
          onValue={(v) => change({ theme: v as Settings['theme'] })}
        />
      </div>
      <ErrorText error={error} />
    </Section>
  );
}
