/** One case: a session with its media, decisions and audit trail, its PDF case report and its sealed dossier. */
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { provenanceOf } from './provenance.js';
import type { AuditEntry, SessionDetail } from '../../../shared/reviewer-api.js';
import type { EngineState, Handler } from './state.js';
import { analystView } from './evidence.js';
import { heldDecisions } from './dispositions.js';
import { fourEyesState } from './four-eyes.js';

export const getSession: Handler<'getSession'> = async (s, { id }) => {
  const { cache } = s.ctx;
  const session = cache.getSession(id);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'id');
  return {
    row: session.row,
    // The analyst's AML dispositions laid over the hits: the case shows what they decided, sent or not.
    payload: analystView(cache, id, session.payload),
    unreadable: session.unreadable,
    detailsPending: session.needsFetch,
    media: cache.listMedia(id),
    importInfo: session.importInfo,
    provenance: provenanceOf(s, session, cache.listAudit({ sessionId: id, offset: 0, limit: 500 }).entries),
    decisions: cache.listDecisions(undefined, id),
    notes: cache.listNotes(id),
    dispositions: cache.listDispositions(undefined, id),
    heldDecisionIds: heldDecisions(cache, id),
    fourEyes: fourEyesState(cache, session),
    audit: cache.listAudit({ sessionId: id, offset: 0, limit: 500 }).entries,
  };
};

/** The case report of a case already read: in the app's language, against the analyst's thresholds, with names. */
async function caseReport(s: EngineState, detail: SessionDetail) {
  const { cache } = s.ctx;
  const settings = cache.getSettings();
  const connection = cache.getConnection(detail.row.connectionId);
  const workflowId = detail.payload.workflow_id;
  const source = detail.importInfo?.sourceApplicationId ?? detail.row.sourceApplicationId;
  // Loaded on first use: pdf-lib and fontkit would otherwise add about half a second to every start.
  const { buildCaseReport } = await import('../report/index.js');
  return buildCaseReport({
    detail,
    media: (locator) => cache.getMedia(detail.row.id, locator),
    language: settings.language,
    thresholds: {
      faceMatch: settings.faceMatchThreshold,
      liveness: settings.livenessThreshold,
      uboPercent: settings.uboThresholdPercent,
    },
    names: {
      connection: connection?.name ?? null,
      workflow: connection?.workflows.find((w) => w.id === workflowId)?.label ?? null,
      partner: source ? (cache.listPartners().find((p) => p.applicationId === source)?.name ?? null) : null,
    },
  });
}

export const exportCaseReport: Handler<'exportCaseReport'> = async (s, { id }) => {
  const detail = await getSession(s, { id });
  const report = await caseReport(s, detail);
  s.ctx.cache.appendAudit({
    type: 'report.exported',
    sessionId: id,
    connectionId: detail.row.connectionId,
    details: { fileName: report.fileName },
  });
  return report;
};

/** Audit entries naming one session, oldest first, read page by page (a dossier carries all of them). */
function auditSlice(s: EngineState, sessionId: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = s.ctx.cache.listAudit({ sessionId, offset, limit: 500, order: 'asc' });
    out.push(...page.entries);
    if (page.entries.length < 500 || out.length >= page.total) return out;
  }
}

/**
 * The sealed dossier (electron/core/dossier): the case report, the session JSON, its media and its audit-chain
 * slice, with a manifest of SHA-256 hashes signed by the profile's Ed25519 key. The export is recorded in the audit
 * chain with the manifest's hash and the key's fingerprint.
 */
export const exportDossier: Handler<'exportDossier'> = async (s, { id }) => {
  const { cache } = s.ctx;
  const detail = await getSession(s, { id });
  const report = await caseReport(s, detail);
  const { buildDossier, profileSigner } = await import('../dossier/index.js');
  const signer = await profileSigner({ profileDir: s.opts.profileDir, secrets: s.opts.secrets });
  const media = detail.media.flatMap((m) => {
    const item = cache.getMedia(id, m.locator);
    return item ? [{ locator: m.locator, contentType: item.contentType, bytes: item.bytes }] : [];
  });
  const dossier = buildDossier({
    detail,
    report: { fileName: report.fileName, pdf: Buffer.from(report.pdfBase64, 'base64') },
    media,
    audit: auditSlice(s, id),
    signer,
  });
  cache.appendAudit({
    type: 'dossier.exported',
    sessionId: id,
    connectionId: detail.row.connectionId,
    details: { fileName: dossier.fileName, manifestSha256: dossier.manifestSha256, fingerprint: signer.fingerprint },
  });
  return {
    fileName: dossier.fileName,
    zipBase64: Buffer.from(dossier.zip).toString('base64'),
    fingerprint: signer.fingerprint,
  };
};
