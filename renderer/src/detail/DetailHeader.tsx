// Who and what is under review: name, vendor_data, status, where the import came from, trust_review, and the
// case-report export.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner, SessionDetail } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { Field, FieldList } from '../common/Fields.js';
import { ErrorText } from '../common/ErrorText.js';
import { formatDateTime } from '../common/format.js';
import { kindLabel, statusLabel, statusTone } from '../common/labels.js';
import { downloadBase64Pdf } from './caseReport.js';

export function DetailHeader({ detail, partners }: { detail: SessionDetail; partners: readonly Partner[] }) {
  const { t, i18n } = useTranslation();
  const { row, payload, importInfo } = detail;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const source = importInfo?.sourceApplicationId ?? row.sourceApplicationId;
  const partner = partners.find((p) => p.applicationId === source);

  const exportReport = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const report = await api().exportCaseReport({ id: row.id });
      downloadBase64Pdf(report.fileName, report.pdfBase64);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <header className="detail-header">
      <div className="detail-title">
        <h2>{row.subjectName ?? t('queue.unnamed')}</h2>
        <span className={`common-badge common-badge-status-${statusTone(row.status)}`}>
          {statusLabel(t, row.status)}
        </span>
        <span className="common-badge common-badge-kind">{kindLabel(t, row.kind)}</span>
        <button type="button" className="secondary" onClick={exportReport} disabled={exporting}>
          {exporting ? t('detail.exporting') : t('detail.exportReport')}
        </button>
      </div>
      <ErrorText error={exportError} />
      <FieldList>
        <Field label={t('detail.vendorData')} value={row.vendorData ?? payload.vendor_data} />
        <Field label={t('detail.sessionNumber')} value={row.sessionNumber} />
        <Field label={t('detail.sessionId')} value={row.id} />
        <Field label={t('detail.createdAt')} value={formatDateTime(row.createdAt, i18n.language)} />
        <Field label={t('detail.importedFromSession')} value={row.sharedFromSession ?? payload.shared_from_session} />
        <Field
          label={t('detail.importedFromApplication')}
          value={source ? (partner ? `${partner.name} (${source})` : source) : null}
        />
        <Field label={t('detail.trustReview')} value={importInfo?.trustReview ?? null} />
        <Field
          label={t('detail.importedAt')}
          value={importInfo?.importedAt ? formatDateTime(importInfo.importedAt, i18n.language) : null}
        />
      </FieldList>
    </header>
  );
}
