// One hit's disposition: the analyst's latest (queued, sent, or in conflict with what the server holds) and, while
// the session is In Review, a form to set it (a rationale is required for Confirmed Match and False Positive).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AML_DISPOSITIONS, RATIONALE_REQUIRED, type AmlDisposition } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { formatDateTime } from '../common/format.js';
import { hitKey, useAmlCase } from './AmlCaseContext.js';
import './aml.css';

type Status = (typeof AML_DISPOSITIONS)[number];

export function AmlDispositionForm({
  nodeId,
  hitId,
  current,
}: {
  nodeId: string | null;
  hitId: string | null | undefined;
  current: string;
}) {
  const { t } = useTranslation();
  const amlCase = useAmlCase();
  const [status, setStatus] = useState<Status | ''>('');
  const [rationale, setRationale] = useState('');
  const { busy, error, run } = useEngineAction();
  if (!amlCase || !hitId) return null;
  const mine = amlCase.latest.get(hitKey(nodeId, hitId)) ?? null;
  const needsRationale = status !== '' && RATIONALE_REQUIRED.includes(status);
  const save = async () => {
    if (status === '') return;
    await run(async () => {
      // The engine announces the change (sessions.changed): the case refetches from that.
      await api().disposeAmlHit({ sessionId: amlCase.sessionId, nodeId, hitId, reviewStatus: status, rationale });
      setStatus('');
      setRationale('');
    });
  };
  return (
    <div className="detail-aml-disposition">
      {mine && <DispositionState disposition={mine} />}
      {amlCase.canDispose && (
        <form
          className="detail-aml-disposition-form"
          aria-label={t('disposition.formLabel')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('disposition.set')}{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
              <option value="">{t('disposition.choose')}</option>
              {AML_DISPOSITIONS.filter((s) => s !== current).map((s) => (
                <option key={s} value={s}>
                  {t(`amlReview.${s}`, { defaultValue: s })}
                </option>
              ))}
            </select>
          </label>
          {status !== '' && (
            <label className="detail-aml-rationale">
              {needsRationale ? t('disposition.rationaleRequired') : t('disposition.rationaleOptional')}
              <textarea
                value={rationale}
                maxLength={2000}
                rows={2}
                required={needsRationale}
                onChange={(e) => setRationale(e.target.value)}
              />
            </label>
          )}
          {status !== '' && (
            <button
              type="submit"
              className="secondary"
              disabled={busy || (needsRationale && rationale.trim().length === 0)}
            >
              {t('disposition.save')}
            </button>
          )}
          <ErrorText error={error} />
        </form>
      )}
    </div>
  );
}

function DispositionState({ disposition: d }: { disposition: AmlDisposition }) {
  const { t, i18n } = useTranslation();
  const { error, run } = useEngineAction();
  const acknowledge = () => void run(() => api().acknowledgeDisposition({ id: d.id }));
  return (
    <div className={`detail-aml-disposition-state detail-aml-disposition-${d.state}`}>
      <p>
        <span className={`common-badge common-badge-decision-${d.state}`}>{t(`disposition.state.${d.state}`)}</span>{' '}
        {t('disposition.by', {
          status: t(`amlReview.${d.reviewStatus}`, { defaultValue: d.reviewStatus }),
          analyst: d.analyst ?? '—',
          at: formatDateTime(d.syncedAt ?? d.createdAt, i18n.language),
        })}
      </p>
      {d.rationale && <p className="detail-aml-rationale-text">{d.rationale}</p>}
      {d.state === 'conflict' && (
        <div className="decide-conflict" role="alert">
          <p>
            <strong>{t(`disposition.conflict.${d.conflictReason ?? 'refused'}`)}</strong>
          </p>
          {d.serverStatus && (
            <p>
              {t('disposition.serverHolds', {
                status: t(`amlReview.${d.serverStatus}`, { defaultValue: d.serverStatus }),
              })}
            </p>
          )}
          {!d.acknowledgedAt && (
            <button type="button" className="secondary" onClick={acknowledge}>
              {t('decide.acknowledge')}
            </button>
          )}
          <ErrorText error={error} />
        </div>
      )}
    </div>
  );
}
