// Who is reviewing, in the frame's header: a link to Settings, where the analyst can be changed.
import { useTranslation } from 'react-i18next';
import { useAnalyst } from './analyst.js';

export function AnalystBadge() {
  const { t } = useTranslation();
  const analyst = useAnalyst((s) => s.analyst ?? s.suggested);
  if (!analyst) return null;
  return (
    <a
      className="frame-analyst"
      href="#/settings"
      title={t('analyst.change')}
      aria-label={t('analyst.frameValue', { name: analyst.name })}
    >
      <span className="frame-analyst-label">{t('analyst.frameLabel')}</span> {analyst.name}
    </a>
  );
}
