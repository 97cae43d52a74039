// The profile's analyst (named on every decision, note and audit entry), and how to make Didit's own trail name
// the analyst too: a named Didit API key per analyst.
import { useTranslation } from 'react-i18next';
import { Section } from '../common/Section.js';
import { AnalystForm } from '../frame/AnalystForm.js';
import { useAnalyst } from '../frame/analyst.js';

export function AnalystSettings() {
  const { t } = useTranslation();
  const analyst = useAnalyst((s) => s.analyst ?? s.suggested);
  return (
    <Section title={t('analyst.settingsTitle')}>
      {analyst && (
        <AnalystForm key={`${analyst.name}|${analyst.email}`} initial={analyst} submitLabel={t('analyst.save')} />
      )}
      <p className="muted">{t('analyst.apiKeyHint')}</p>
    </Section>
  );
}
