// First start: asks who reviews here, suggesting the OS user's name. A banner rather than a modal, so the queue
// stays usable (decisions are attributed to the suggested name until one is saved); shown until an analyst is saved.
import { useTranslation } from 'react-i18next';
import { AnalystForm } from './AnalystForm.js';
import { useAnalyst } from './analyst.js';

export function AnalystPrompt() {
  const { t } = useTranslation();
  const { analyst, suggested, loaded } = useAnalyst();
  if (!loaded || analyst !== null || suggested === null) return null;
  return (
    <section className="frame-banner frame-analyst-prompt" aria-label={t('analyst.promptTitle')}>
      <h2>{t('analyst.promptTitle')}</h2>
      <p>{t('analyst.promptText')}</p>
      <AnalystForm initial={suggested} submitLabel={t('analyst.start')} />
    </section>
  );
}
