/** One case: a session with its media, decisions and audit trail, and its PDF case report. */
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { Handler } from './state.js';

export const getSession: Handler<'getSession'> = async (s, { id }) => {
  const { cache } = s.ctx;
  const session = cache.getSession(id);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'id');
  return {
    row: session.row,
    payload: session.payload,
    unreadable: session.unreadable,
    detailsPending: session.needsFetch,
    media: cache.listMedia(id),
    importInfo: session.importInfo,
    decisions: cache.listDecisions(undefined, id),
    audit: cache.listAudit({ sessionId: id, offset: 0, limit: 500 }).entries,
  };
};

export const exportCaseReport: Handler<'exportCaseReport'> = async (s, { id }) => {
  const detail = await getSession(s, { id });
  // Loaded on first use: pdf-lib and fontkit would otherwise add about half a second to every start.
  const { buildCaseReport } = await import('../report/index.js');
  const report = await buildCaseReport({ detail, media: (locator) => s.ctx.cache.getMedia(id, locator) });
  s.ctx.cache.appendAudit({
    type: 'report.exported',
    sessionId: id,
    connectionId: detail.row.connectionId,
    details: { fileName: report.fileName },
  });
  return report;
};
