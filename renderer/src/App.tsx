// Countersign's UI: the frame, the queue with the open session beside it, outbound and settings. The accessible
// names end-to-end tests (and screen-reader users) rely on are listed in test/e2e/README.md.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEngineEvent } from './bridge/engine-access.js';
import { useStatus } from './state/status.js';
import { noteSessionEvent } from './state/sessions.js';
import { notePartnerEvent } from './state/partners.js';
import { useSettings } from './state/settings.js';
import { useUi, viewFromHash } from './state/ui.js';
import { NavBar } from './frame/NavBar.js';
import { StatusBar } from './frame/StatusBar.js';
import { DemoBanner } from './frame/DemoBanner.js';
import { AnalystBadge } from './frame/AnalystBadge.js';
import { AnalystPrompt } from './frame/AnalystPrompt.js';
import { useAnalyst } from './frame/analyst.js';
import { QueueView } from './queue/QueueView.js';
import { isTypingTarget } from './queue/useQueueKeys.js';
import { ErrorText } from './common/ErrorText.js';
import './frame/frame.css';
// The empty detail pane (NoCaseOpen) is laid out by the case view's stylesheet.
import './detail/detail.css';

// The inbox is what the first screen needs; everything else is a chunk of its own, loaded when first shown: the
// case (with the ownership graph), outbound, settings and the dialogs.
const loadDetailPane = () => import('./detail/DetailPane.js');
const DetailPane = lazy(() => loadDetailPane().then((m) => ({ default: m.DetailPane })));
const DecideDialog = lazy(() => import('./decide/DecideDialog.js').then((m) => ({ default: m.DecideDialog })));
const ImportDialog = lazy(() => import('./imports/ImportDialog.js').then((m) => ({ default: m.ImportDialog })));
const KeysDialog = lazy(() => import('./frame/KeysDialog.js').then((m) => ({ default: m.KeysDialog })));
const OutboundView = lazy(() => import('./outbound/OutboundView.js').then((m) => ({ default: m.OutboundView })));
const SettingsView = lazy(() => import('./settings/SettingsView.js').then((m) => ({ default: m.SettingsView })));

/** Once the first screen is up, the case view is fetched in the background so the first open does not wait. */
function prefetchCaseView(): () => void {
  const load = () => void loadDetailPane().catch(() => undefined);
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(load, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(load, 500);
  return () => clearTimeout(timer);
}

/** getStatus is pushed by events; this poll only catches what no event reports (e.g. a host restart). */
const STATUS_POLL_MS = 15_000;

export function App() {
  const { t } = useTranslation();
  const { view, importOpen, keysOpen, decide, openSessionId } = useUi();
  const loadError = useStatus((s) => s.loadError);

  useEffect(() => {
    const status = useStatus.getState();
    const unsubscribe = onEngineEvent((event) => {
      useStatus.getState().applyEvent(event);
      noteSessionEvent(event);
      notePartnerEvent(event);
      if (event.type === 'connection.state') void useStatus.getState().refresh();
    });
    void status.refresh();
    useSettings
      .getState()
      .load()
      .catch((error: unknown) => useStatus.setState({ loadError: error }));
    useAnalyst
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
    const cancelPrefetch = prefetchCaseView();
    return () => {
      cancelPrefetch();
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
          <AnalystBadge />
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
      <AnalystPrompt />
      <ErrorText error={loadError} />
      <div className="frame-body">
        <NavBar />
        <main className={`frame-main frame-main-${view}`}>
          {view === 'inbox' || view === 'decided' ? (
            <div className="frame-workspace">
              <QueueView key={view} view={view} />
              {openSessionId ? (
                <Suspense fallback={<NoCaseOpen />}>
                  <DetailPane />
                </Suspense>
              ) : (
                <NoCaseOpen />
              )}
            </div>
          ) : (
            <Suspense fallback={null}>{view === 'outbound' ? <OutboundView /> : <SettingsView />}</Suspense>
          )}
        </main>
      </div>
      <Suspense fallback={null}>
        {importOpen && <ImportDialog />}
        {keysOpen && <KeysDialog />}
        {decide && <DecideDialog request={decide} />}
      </Suspense>
    </div>
  );
}

/** The detail pane with no case open (DetailPane's own empty state, without loading the case view). */
function NoCaseOpen() {
  const { t } = useTranslation();
  return (
    <section className="detail" aria-label={t('detail.title')}>
      <p className="detail-empty">{t('detail.none')}</p>
    </section>
  );
}
