// Connections: each with its state, a test and a remove (confirmed); the form to add one below.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { useStatus } from '../state/status.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { RemoveWithConfirm } from '../common/RemoveWithConfirm.js';
import { formatDateTime, formatNumber } from '../common/format.js';
import { kindLabel } from '../common/labels.js';
import { AddConnectionForm } from './AddConnectionForm.js';
import { FourEyesSetting } from './FourEyesSetting.js';

export function ConnectionsSettings() {
  const { t } = useTranslation();
  const connections = useStatus((s) => s.connections);
  return (
    <Section title={t('settings.connections')}>
      {connections.length === 0 ? (
        <p className="muted">{t('settings.noConnections')}</p>
      ) : (
        <ul className="settings-connections">
          {connections.map((c) => (
            <ConnectionItem key={c.id} connection={c} />
          ))}
        </ul>
      )}
      <AddConnectionForm />
    </Section>
  );
}

function ConnectionItem({ connection: c }: { connection: Connection }) {
  const { t, i18n } = useTranslation();
  const [test, setTest] = useState<{ latencyMs: number } | null>(null);
  const { busy, error, run } = useEngineAction();
  const testIt = () =>
    run(async () => {
      setTest(null);
      setTest(await api().testConnection({ id: c.id }));
    });
  const remove = () =>
    run(async () => {
      await api().removeConnection({ id: c.id });
      await Promise.all([useStatus.getState().refreshConnections(), useStatus.getState().refresh()]);
    });
  return (
    <li className="settings-connection">
      <div className="settings-connection-head">
        <strong>{c.name}</strong>
        <span className={`common-badge common-badge-online-${String(c.online)}`}>
          {c.online === null ? t('frame.unknown') : c.online ? t('frame.online') : t('frame.offline')}
        </span>
        <span className="common-badge">{t(`connectionRole.${c.role}`)}</span>
      </div>
      <dl className="common-fields common-fields-compact">
        <div className="common-field">
          <dt>{t('settings.baseUrl')}</dt>
          <dd className="mono">{c.baseUrl}</dd>
        </div>
        <div className="common-field">
          <dt>{t('settings.applicationId')}</dt>
          <dd className="mono">{c.applicationId}</dd>
        </div>
        <div className="common-field">
          <dt>{t('settings.workflows')}</dt>
          <dd>
            {c.workflows.length === 0
              ? '—'
              : c.workflows.map((w) => `${w.label ?? w.id} (${kindLabel(t, w.session_kind)})`).join(', ')}
          </dd>
        </div>
        <div className="common-field">
          <dt>{t('settings.webhookSecret')}</dt>
          <dd>{c.hasWebhookSecret ? t('settings.secretSet') : t('settings.secretNotSet')}</dd>
        </div>
        <div className="common-field">
          <dt>{t('settings.lastSync')}</dt>
          <dd>{formatDateTime(c.lastSyncAt, i18n.language)}</dd>
        </div>
      </dl>
      {c.lastError && <p className="muted">{t('settings.lastErrorPresent')}</p>}
      <FourEyesSetting connection={c} />
      <div className="common-actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={testIt}
          aria-label={t('settings.testNamed', { name: c.name })}
        >
          {t('settings.test')}
        </button>
        <RemoveWithConfirm
          question={t('settings.removeQuestion', { name: c.name })}
          label={t('settings.removeNamed', { name: c.name })}
          onRemove={remove}
          busy={busy}
        />
      </div>
      {test && (
        <p role="status" className="success">
          {t('settings.testOk', { ms: formatNumber(test.latencyMs, i18n.language) })}
        </p>
      )}
      <ErrorText error={error} />
    </li>
  );
}
