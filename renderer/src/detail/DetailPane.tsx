// The detail pane: loads the open session from the cache (getSession) and refetches it when it changes.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge/engine-access.js';
import { useUi } from '../state/ui.js';
import { touches, useSessionsChanged } from '../state/sessions.js';
import { usePartners, usePartnersChanged } from '../state/partners.js';
import { useAsync } from '../common/useAsync.js';
import { ErrorText } from '../common/ErrorText.js';
import { DetailHeader } from './DetailHeader.js';
import { Timeline } from './Timeline.js';
import { UnreadableParts } from './UnreadableParts.js';
import { MediaProvider } from './media.js';
import { AmlCaseProvider } from './AmlCaseContext.js';
import { KycDetail } from './kyc/KycDetail.js';
import { KybDetail } from './kyb/KybDetail.js';
import { DecidePanel } from '../decide/DecidePanel.js';
import { canDecide } from '../decide/canDecide.js';
import { CheckSummary } from './CheckSummary.js';
import { ProvenancePanel } from './ProvenancePanel.js';
import './detail.css';

export function DetailPane() {
  const { t } = useTranslation();
  const id = useUi((s) => s.openSessionId);
  return (
    <section className="detail" aria-label={t('detail.title')}>
      {id ? <SessionDetailView key={id} sessionId={id} /> : <p className="detail-empty">{t('detail.none')}</p>}
    </section>
  );
}

function SessionDetailView({ sessionId }: { sessionId: string }) {
  const detail = useAsync(() => api().getSession({ id: sessionId }), [sessionId]);
  const partners = usePartners();
  useSessionsChanged((changes) => {
    if (touches(changes, sessionId)) detail.reload();
  });
  // The case names its partner as the registry had it when fetched: a registry change fetches it again.
  usePartnersChanged(detail.reload);
  const caseRef = useRef<HTMLElement>(null);
  // What the a and d keys act on: this case, once loaded, as it is now (decidable or not).
  const { t } = useTranslation();
  const shownRow = detail.data?.row;
  const subject = shownRow ? (shownRow.subjectName ?? t('queue.unnamed')) : null;
  const decidable = shownRow ? canDecide(shownRow) : false;
  useEffect(() => {
    if (subject === null) return;
    useUi.getState().setShownCase({ sessionId, subject, decidable });
  }, [sessionId, subject, decidable]);
  useEffect(
    () => () => {
      if (useUi.getState().shownCase?.sessionId === sessionId) useUi.getState().setShownCase(null);
    },
    [sessionId],
  );

  if (!detail.data) {
    return detail.error ? <ErrorText error={detail.error} /> : <LoadingNote />;
  }
  const { payload } = detail.data;
  return (
    <MediaProvider detail={detail.data}>
      <AmlCaseProvider detail={detail.data}>
        <article className="detail-session" ref={caseRef}>
          <DetailHeader detail={detail.data} partners={partners} />
          <CheckSummary payload={payload} row={detail.data.row} caseRef={caseRef} />
          <DecidePanel detail={detail.data} />
          <ErrorText error={detail.error} />
          {detail.data.detailsPending && <PendingDetailsNote />}
          <UnreadableParts parts={detail.data.unreadable} />
          <ProvenancePanel detail={detail.data} />
          {payload.session_kind === 'user' ? <KycDetail payload={payload} /> : <KybDetail payload={payload} />}
          <Timeline detail={detail.data} />
        </article>
      </AmlCaseProvider>
    </MediaProvider>
  );
}

/** An import whose answer is stored but whose full session is not fetched yet: the token is spent, nothing is lost. */
function PendingDetailsNote() {
  const { t } = useTranslation();
  return (
    <p className="common-notice" role="status">
      {t('detail.detailsPending')}
    </p>
  );
}

function LoadingNote() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('detail.loading')}
    </p>
  );
}
