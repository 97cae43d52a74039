// Language and theme apply at once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/reviewer-api.js';
import { LANGUAGES, type Language } from '../i18n/index.js';
import { useSettings } from '../state/settings.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';

const THEMES: Settings['theme'][] = ['system', 'light', 'dark'];

export function AppearanceSettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [error, setError] = useState<unknown>(null);
  const change = (patch: Partial<Settings>) => {
    setError(null);
    update(patch).catch(setError);
  };
  return (
    <Section title={t('settings.appearance')}>
      <div className="form-grid">
        <label>
          {t('settings.language')}
          <select value={settings.language} onChange={(e) => change({ language: e.target.value as Language })}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.theme')}
          <select value={settings.theme} onChange={(e) => change({ theme: e.target.value as Settings['theme'] })}>
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {t(`theme.${th}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorText error={error} />
    </Section>
  );
}
