// The main navigation: real links (#/inbox ...) so they are announced as links and the back button works.
import { useTranslation } from 'react-i18next';
import { VIEWS } from '../state/ui.js';
import { useUi } from '../state/ui.js';
import { useStatus } from '../state/status.js';

export function NavBar() {
  const { t } = useTranslation();
  const view = useUi((s) => s.view);
  const outbox = useStatus((s) => s.status?.outbox);
  return (
    <nav className="frame-nav" aria-label={t('nav.label')}>
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <a href={`#/${v}`} aria-current={view === v ? 'page' : undefined}>
              {t(`nav.${v}`)}
              {v === 'decided' && outbox && outbox.conflicts > 0 && (
                <span className="common-badge common-badge-decision-conflict" aria-hidden="true">
                  {outbox.conflicts}
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
