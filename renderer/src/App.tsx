/**
 * Countersign's UI. Accessible names that end-to-end tests (and screen-reader users) can rely on, in English:
 *
 * Frame
 *   navigation "Main": links "Inbox", "Decided", "Outbound", "Settings" (aria-current="page" on the active one);
 *   button "Import token" (opens dialog "Import a shared session"); button "Keyboard shortcuts" (dialog of the same
 *   name, also on "?"); region "Status": one list item per connection ("<name>: online|offline|unknown"), the
 *   outbox count ("Outbox: 2 pending"), a progressbar "Sync <name>" with "<done> / <total> sessions · <bytes>"
 *   while syncing, button "Sync now"; a note with the demo-profile banner when the keychain is in memory.
 * Queue (Inbox, Decided)
 *   searchbox "Search sessions" (key "/"), comboboxes "Status", "Kind", "Connection", "Age", "Sort by", textbox
 *   "Source partner", checkbox "Has AML hits", button "Reset filters"; the count as text ("35 sessions");
 *   listbox "Sessions" whose options are named "<subject name>, <vendor_data>, <KYC|KYB>, <status>, <n> AML hits,
 *   <age>[, Queued|Sending|Synced|Conflict]". Scope option lookups to that listbox: the filters' <select>
 *   elements hold options too. Keys: j/k (arrows while the list has focus), Enter, a, d.
 * Detail (region "Session detail")
 *   heading level 2 = subject name; button "Export case report" (downloads the PDF); buttons "Approve", "Decline";
 *   dialogs "Approve session" / "Decline session" with textbox "Comment" and buttons "Confirm approval" /
 *   "Confirm decline", "Cancel"; list "Decisions" (a conflict shows "Our decision" next to "Server's decision" and
 *   button "Acknowledge conflict").
 *   KYC: toolbar "Document viewer" (buttons "Front", "Back", "Zoom in", "Zoom out", "Rotate", "Reset view",
 *   "Compare with portrait and selfie"), meters "Face match score", "Liveness score", list "AML hits" (one
 *   listitem per hit), regions per section ("ID document", "Face match", "Liveness", "AML screening", ...).
 *   KYB: group "Ownership graph" (nodes labelled "<name>, Person|Company, effective ownership 40.15 %[, at or
 *   above the threshold]"), table "Beneficial owners" (columns Name, Type, Effective ownership, At or above
 *   25.00 % = Yes|No, Held through).
 * Import dialog: textbox "Share token", comboboxes "Receiving connection", "Workflow", textbox "vendor_data
 *   (optional)", checkbox "Trust the partner's review (trust_review)", button "Import"; errors as role "alert".
 * Outbound (region "Share a session"): comboboxes "Issuing connection", "Session to share", "Partner from the
 *   address book" (address book plus our other connections), searchbox "Search finished sessions", textbox
 *   "Partner application id" (shown while the id is not a known partner), "Partner name", button "Save partner",
 *   radios "1 minute", "1 hour", "24 hours", "Custom", spinbutton "TTL in seconds", button "Mint token", textbox
 *   "Share token", button "Copy token", status "Copied", timer "Expires in m:ss", table "Minted tokens".
 * Settings: buttons "Test connection <name>", "Remove connection <name>"; form "Add a connection" (textboxes
 *   "Name", "Base URL", "Application id", combobox "Role", "API key", "Webhook secret (optional)", buttons "Add
 *   workflow", "Save connection"); checkbox "Receive webhooks", spinbuttons "Webhook port", "Poll interval
 *   (seconds)", "Keep sessions for (days)", button "Save"; comboboxes "Language", "Theme"; button "Verify chain"
 *   with a status ("Chain intact: N entries" / "Chain broken at entry #N"); textbox "Type WIPE to confirm",
 *   button "Wipe profile".
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEngineEvent } from './api.js';
import { useStatus } from './state/status.js';
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
      if (event.type === 'connection.state') void useStatus.getState().refresh();
    });
    void status.refresh();
    void status.refreshConnections();
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
    <div className="app">
      <header className="app-header">
        <h1 className="brand">{t('app.name')}</h1>
        <StatusBar />
        <div className="header-actions">
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
      <div className="app-body">
        <NavBar />
        <main className={`main view-${view}`}>
          {view === 'inbox' || view === 'decided' ? (
            <div className="workspace">
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
