// Connection badges, outbox count and sync progress with numbers, live from getStatus and engine events.
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { useStatus } from '../state/status.js';
import { formatBytes, formatNumber } from '../common/format.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const status = useStatus((s) => s.status);
  const connections = useStatus((s) => s.connections);
  const { error: syncError, run } = useEngineAction();
  if (!status) return null;
  const syncNow = () => void run(() => api().syncNow({}));
  const running = status.sync.filter((s) => s.running);
  return (
    <div className="frame-status" role="region" aria-label={t('frame.status')}>
      <ul className="frame-connections" aria-label={t('frame.connections')}>
        {connections.map((c) => (
          <li key={c.id} className={`common-badge common-badge-online-${String(c.online)}`}>
            {t('frame.connectionState', {
              name: c.name,
              state: c.online === null ? t('frame.unknown') : c.online ? t('frame.online') : t('frame.offline'),
            })}
          </li>
        ))}
      </ul>
      <span className="frame-outbox" aria-live="polite">
        {t('frame.outbox', {
          count: status.outbox.pending,
          formatted: formatNumber(status.outbox.pending, i18n.language),
        })}
        {status.outbox.conflicts > 0 && (
          <strong className="frame-conflicts"> · {t('frame.conflicts', { count: status.outbox.conflicts })}</strong>
        )}
      </span>
      {running.map((s) => (
        <SyncBar
          key={s.connectionId}
          progress={s}
          name={connections.find((c) => c.id === s.connectionId)?.name ?? ''}
        />
      ))}
      <button type="button" className="secondary small" onClick={syncNow}>
        {t('frame.syncNow')}
      </button>
      <ErrorText error={syncError} />
    </div>
  );
}

function SyncBar({ progress, name }: { progress: SyncProgress; name: string }) {
  const { t, i18n } = useTranslation();
  const text = t('frame.syncProgress', {
    name,
    done: formatNumber(progress.sessionsDone, i18n.language),
    total: formatNumber(progress.sessionsTotal, i18n.language),
    bytesDone: formatBytes(progress.bytesDone, i18n.language),
    bytesTotal: formatBytes(progress.bytesTotal, i18n.language),
  });
  return (
    <div className="frame-sync">
      <progress
        max={Math.max(1, progress.sessionsTotal)}
        value={Math.min(progress.sessionsDone, Math.max(1, progress.sessionsTotal))}
        aria-label={t('frame.syncLabel', { name })}
        aria-valuetext={text}
      />
      <span>{text}</span>
    </div>
  );
}
