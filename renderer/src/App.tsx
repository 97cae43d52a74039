// Countersign's UI: the frame, the queue with the open session beside it, outbound and settings. The accessible
// names end-to-end tests (and screen-reader users) rely on are listed in test/e2e/README.md.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEngineEvent } from './bridge/engine-access.js';
import { useStatus } from './state/status.js';
import { noteSessionEvent } from './state/sessions.js';
import { useSettings } from './state/settings.js';
import { useUi, viewFromHash } from './state/ui.js';
import { NavBar } from './frame/NavBar.js';
import { StatusBar } from './frame/StatusBar.js';
import { DemoBanner } from './frame/DemoBanner.js';
import { KeysDialog } from './frame/KeysDialog.js';
import { QueueView } from './queue/QueueView.js';
import { isTypingTarget } from './queue/useQueueKeys.js';
import { DetailPane } from './detail/DetailPane.js';
import { DecideDialog } from './decide/DecideDialog.js';
import { ImportDialog } from './imports/ImportDialog.js';
import { OutboundView } from './outbound/OutboundView.js';
import { SettingsView } from './settings/SettingsView.js';
import { ErrorText } from './common/ErrorText.js';
import './frame/frame.css';

/** getStatus is pushed by events; this poll only catches what no event reports (e.g. a host restart). */
const STATUS_POLL_MS = 15_000;

export function App() {
  const { t } = useTranslation();
  const { view, importOpen, keysOpen, decide } = useUi();
  const loadError = useStatus((s) => s.loadError);

  useEffect(() => {
    const status = useStatus.getState();
    const unsubscribe = onEngineEvent((event) => {
      useStatus.getState().applyEvent(event);
      noteSessionEvent(event);
      if (event.type === 'connection.state') void useStatus.getState().refresh();
    });
    void status.refresh();
    useSettings
      .getState()
      .load()
      .catch((error: unknown) => useStatus.setState({ loadError: error }));
    const timer = setInterval(() => void useStatus.getState().refresh(), STATUS_POLL_MS);
    const onHash = () => useUi.getState().setView(viewFromHash(location.hash));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      useUi.getState().setKeysOpen(true);
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      unsubscribe();
      clearInterval(timer);
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <div className="frame">
      <header className="frame-header">
        <h1 className="frame-brand">{t('app.name')}</h1>
        <StatusBar />
        <div className="frame-actions">
          <button type="button" className="primary" onClick={() => useUi.getState().setImportOpen(true)}>
            {t('import.button')}
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={t('keys.title')}
            onClick={() => useUi.getState().setKeysOpen(true)}
          >
            ?
          </button>
        </div>
      </header>
      <DemoBanner />
      <ErrorText error={loadError} />
      <div className="frame-body">
        <NavBar />
        <main className={`frame-main frame-main-${view}`}>
          {view === 'inbox' || view === 'decided' ? (
            <div className="frame-workspace">
              <QueueView key={view} view={view} />
              <DetailPane />
            </div>
          ) : view === 'outbound' ? (
            <OutboundView />
          ) : (
            <SettingsView />
          )}
        </main>
      </div>
      {importOpen && <ImportDialog />}
      {keysOpen && <KeysDialog />}
      {decide && <DecideDialog request={decide} />}
    </div>
  );
}
