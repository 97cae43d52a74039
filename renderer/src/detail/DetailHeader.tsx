// Who and what is under review: name, vendor_data, status, where the import came from, trust_review, and the
// case-report and sealed-dossier exports.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner, SessionDetail } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { Field, FieldList } from '../common/Fields.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { formatDateTime } from '../common/format.js';
import { decisionStateLabel, kindLabel, statusLabel, statusTone } from '../common/labels.js';
import { downloadBase64File, downloadBase64Pdf } from './caseReport.js';
import { applicationName } from '../common/partners.js';
import { useStatus } from '../state/status.js';

export function DetailHeader({ detail, partners }: { detail: SessionDetail; partners: readonly Partner[] }) {
  const { t, i18n } = useTranslation();
  const { row, payload, importInfo } = detail;
  // Each export has its own busy button; the error shown is the one of the export last started.
  const report = useEngineAction();
  const dossier = useEngineAction();
  const [dossierFingerprint, setDossierFingerprint] = useState<string | null>(null);
  const source = detail.provenance?.sourceApplicationId ?? importInfo?.sourceApplicationId ?? row.sourceApplicationId;
  const connections = useStatus((s) => s.connections);

  const exportReport = () => {
    dossier.clearError();
    void report.run(async () => {
      const pdf = await api().exportCaseReport({ id: row.id });
      downloadBase64Pdf(pdf.fileName, pdf.pdfBase64);
    });
  };

  // The sealed dossier: report, session JSON, media and audit slice under a manifest the profile's key signs.
  const exportDossier = () => {
    report.clearError();
    setDossierFingerprint(null);
    void dossier.run(async () => {
      const zip = await api().exportDossier({ id: row.id });
      downloadBase64File(zip.fileName, zip.zipBase64, 'application/zip');
      setDossierFingerprint(zip.fingerprint);
    });
  };

  return (
    <header className="detail-header">
      <div className="detail-title">
        <h2>{row.subjectName ?? t('queue.unnamed')}</h2>
        <span className={`common-badge common-badge-status-${statusTone(row.status)}`}>
          {/* "Approved · queued" until the outbox has delivered the decision. */}
          {row.decision === 'queued' || row.decision === 'sending'
            ? t('detail.statusQueued', {
                status: statusLabel(t, row.status),
                state: decisionStateLabel(t, row.decision),
              })
            : statusLabel(t, row.status)}
        </span>
        <span className="common-badge common-badge-kind">{kindLabel(t, row.kind)}</span>
        <button type="button" className="secondary" onClick={exportReport} disabled={report.busy}>
          {report.busy ? t('detail.exporting') : t('detail.exportReport')}
        </button>
        <button type="button" className="secondary" onClick={exportDossier} disabled={dossier.busy}>
          {dossier.busy ? t('detail.sealingDossier') : t('detail.exportDossier')}
        </button>
      </div>
      <ErrorText error={report.error ?? dossier.error} />
      {dossierFingerprint && (
        <p className="muted" role="status">
          {t('detail.dossierSealed', { fingerprint: dossierFingerprint })}
        </p>
      )}
      <FieldList>
        <Field label={t('detail.vendorData')} value={row.vendorData ?? payload.vendor_data} />
        <Field label={t('detail.sessionNumber')} value={row.sessionNumber} />
        <Field label={t('detail.sessionId')} value={row.id} />
        <Field label={t('detail.createdAt')} value={formatDateTime(row.createdAt, i18n.language)} />
        {row.decidedAt && (
          <Field
            label={t('detail.decidedBy')}
            value={t('detail.decidedByValue', {
              name: row.decidedBy ?? t('timeline.unknownUser'),
              at: formatDateTime(row.decidedAt, i18n.language),
            })}
          />
        )}
        {(source || detail.provenance) && (
          <Field
            label={t('detail.partner')}
            value={
              detail.provenance?.partner?.name ??
              applicationName(source, partners, connections) ??
              (source ? t('provenance.unregistered', { id: source }) : t('provenance.unknown'))
            }
          />
        )}
      </FieldList>
    </header>
  );
}
