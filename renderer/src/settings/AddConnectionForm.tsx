// Adding a connection. The API key and webhook secret go straight to the engine (and from there to the OS
// keychain); the fields are password fields, cleared after saving, and the values are never shown again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  baseUrlSchema,
  CONNECTION_ROLES,
  DIDIT_BASE_URL,
  type ConnectionRole,
  type Workflow,
} from '../../../shared/reviewer-api.js';
import { uuidSchema } from '../../../shared/didit/api.js';
import { api } from '../bridge/engine-access.js';
import { useStatus } from '../state/status.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { Form, InputField, SelectField } from '../common/FormFields.js';
import { kindChoices } from '../common/labels.js';

interface Draft {
  name: string;
  baseUrl: string;
  applicationId: string;
  role: ConnectionRole;
  apiKey: string;
  webhookSecret: string;
  workflows: { id: string; session_kind: Workflow['session_kind']; label: string }[];
}

const EMPTY: Draft = {
  name: '',
  baseUrl: DIDIT_BASE_URL,
  applicationId: '',
  role: 'receiver',
  apiKey: '',
  webhookSecret: '',
  workflows: [],
};

export function AddConnectionForm() {
  const { t } = useTranslation();
  const keychain = useStatus((s) => s.status?.keychain);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { busy, error, run } = useEngineAction();
  const [added, setAdded] = useState<string | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setWorkflow = (index: number, change: Partial<Draft['workflows'][number]>) =>
    set(
      'workflows',
      draft.workflows.map((w, i) => (i === index ? { ...w, ...change } : w)),
    );
  const isUuid = (value: string) => uuidSchema.safeParse(value.trim()).success;
  const appIdInvalid = draft.applicationId.trim() !== '' && !isUuid(draft.applicationId);
  const baseUrlInvalid = draft.baseUrl.trim() !== '' && !baseUrlSchema.safeParse(draft.baseUrl.trim()).success;
  const workflowInvalid = (id: string) => id.trim() !== '' && !isUuid(id);
  // The engine validates too (and its errors are shown); this only keeps an incomplete form from being sent.
  const complete =
    draft.name.trim() !== '' &&
    !baseUrlInvalid &&
    isUuid(draft.applicationId) &&
    draft.apiKey.trim() !== '' &&
    draft.workflows.every((w) => isUuid(w.id));

  const submit = async () => {
    setAdded(null);
    const saved = await run(async () => {
      const connection = await api().addConnection({
        name: draft.name,
        baseUrl: draft.baseUrl.trim(),
        applicationId: draft.applicationId.trim(),
        role: draft.role,
        apiKey: draft.apiKey,
        ...(draft.webhookSecret.trim() ? { webhookSecret: draft.webhookSecret } : {}),
        workflows: draft.workflows.map((w) => ({
          id: w.id.trim(),
          session_kind: w.session_kind,
          ...(w.label.trim() ? { label: w.label.trim() } : {}),
        })),
      });
      setDraft(EMPTY);
      setAdded(connection.name);
      await Promise.all([useStatus.getState().refreshConnections(), useStatus.getState().refresh()]);
    });
    // Secrets stay out of the form state on failure too: the user types them again.
    if (!saved) setDraft((d) => ({ ...d, apiKey: '', webhookSecret: '' }));
  };

  return (
    <Form onSubmit={submit} className="common-stack settings-add-connection" aria-label={t('settings.addConnection')}>
      <h4>{t('settings.addConnection')}</h4>
      {keychain === 'memory' && <p className="common-notice">{t('settings.needsKeychain')}</p>}
      <div className="common-form-grid">
        <InputField
          label={t('settings.name')}
          value={draft.name}
          maxLength={100}
          aria-required="true"
          onValue={(v) => set('name', v)}
        />
        <InputField
          label={t('settings.baseUrl')}
          type="url"
          value={draft.baseUrl}
          aria-required="true"
          aria-invalid={baseUrlInvalid}
          onValue={(v) => set('baseUrl', v)}
        />
        {baseUrlInvalid && (
          <p className="error" role="alert">
            {t('settings.baseUrlHttps')}
          </p>
        )}
        <InputField
          label={t('settings.applicationId')}
          className="mono"
          value={draft.applicationId}
          aria-required="true"
          spellCheck={false}
          aria-invalid={appIdInvalid}
          onValue={(v) => set('applicationId', v)}
        />
        <SelectField
          label={t('settings.role')}
          value={draft.role}
          choices={CONNECTION_ROLES.map((r) => ({ value: r, label: t(`connectionRole.${r}`) }))}
          onValue={(v) => set('role', v as ConnectionRole)}
        />
        <InputField
          label={t('settings.apiKey')}
          type="password"
          value={draft.apiKey}
          aria-required="true"
          autoComplete="off"
          maxLength={500}
          onValue={(v) => set('apiKey', v)}
        />
        <InputField
          label={t('settings.webhookSecretOptional')}
          type="password"
          value={draft.webhookSecret}
          autoComplete="off"
          maxLength={500}
          onValue={(v) => set('webhookSecret', v)}
        />
      </div>
      {appIdInvalid && (
        <p className="error" role="alert">
          {t('settings.applicationIdInvalid')}
        </p>
      )}
      <fieldset>
        <legend>{t('settings.workflows')}</legend>
        {draft.workflows.map((w, i) => (
          <div key={i} className="common-inline-form">
            <InputField
              label={t('settings.workflowId', { n: i + 1 })}
              className="mono"
              value={w.id}
              aria-required="true"
              aria-invalid={workflowInvalid(w.id)}
              onValue={(v) => setWorkflow(i, { id: v })}
            />
            <SelectField
              label={t('settings.workflowKind', { n: i + 1 })}
              value={w.session_kind}
              choices={kindChoices(t)}
              onValue={(v) => setWorkflow(i, { session_kind: v as Workflow['session_kind'] })}
            />
            <InputField
              label={t('settings.workflowLabel', { n: i + 1 })}
              value={w.label}
              maxLength={200}
              onValue={(v) => setWorkflow(i, { label: v })}
            />
            <button
              type="button"
              className="secondary"
              aria-label={t('settings.removeWorkflow', { n: i + 1 })}
              onClick={() =>
                set(
                  'workflows',
                  draft.workflows.filter((_, j) => j !== i),
                )
              }
            >
              {t('settings.remove')}
            </button>
          </div>
        ))}
        {draft.workflows.some((w) => workflowInvalid(w.id)) && (
          <p className="error" role="alert">
            {t('settings.workflowIdInvalid')}
          </p>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => set('workflows', [...draft.workflows, { id: '', session_kind: 'user', label: '' }])}
        >
          {t('settings.addWorkflow')}
        </button>
      </fieldset>
      <ErrorText error={error} />
      {added && (
        <p role="status" className="success">
          {t('settings.added', { name: added })}
        </p>
      )}
      <div className="common-actions">
        <button type="submit" className="primary" disabled={busy || !complete}>
          {t('settings.saveConnection')}
        </button>
      </div>
    </Form>
  );
}
