// Webhook receiver, poll interval and retention: edited together, saved with one button, validated as typed.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsSchema, type Settings } from '../../../shared/reviewer-api.js';
import { useSettings } from '../state/settings.js';
import { useStatus } from '../state/status.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { CheckboxField, Form, InputField } from '../common/FormFields.js';

interface Draft {
  webhookEnabled: boolean;
  port: string;
  pollIntervalSeconds: string;
  retentionDays: string;
}

function toDraft(s: Settings): Draft {
  return {
    webhookEnabled: s.webhook.enabled,
    port: String(s.webhook.port),
    pollIntervalSeconds: String(s.pollIntervalSeconds),
    retentionDays: String(s.retentionDays),
  };
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function SyncSettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const webhook = useStatus((s) => s.status?.webhook);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(toDraft(settings)), [settings]);

  const candidate = {
    ...settings,
    pollIntervalSeconds: wholeNumber(draft.pollIntervalSeconds),
    retentionDays: wholeNumber(draft.retentionDays),
    webhook: { ...settings.webhook, enabled: draft.webhookEnabled, port: wholeNumber(draft.port) },
  };
  const check = settingsSchema.safeParse(candidate);
  const invalid = new Set(check.success ? [] : check.error.issues.map((i) => i.path.join('.')));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const save = async () => {
    if (!check.success) return;
    setError(null);
    try {
      await update({
        pollIntervalSeconds: check.data.pollIntervalSeconds,
        retentionDays: check.data.retentionDays,
        webhook: check.data.webhook,
      });
      setSaved(true);
      void useStatus.getState().refresh();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Section title={t('settings.sync')}>
      <Form onSubmit={save}>
        <CheckboxField
          label={t('settings.webhookEnabled')}
          checked={draft.webhookEnabled}
          onChecked={(checked) => set('webhookEnabled', checked)}
        />
        {webhook && (
          <p className="muted">
            {webhook.listening && webhook.url
              ? t('settings.webhookListening', { url: webhook.url })
              : t('settings.webhookOff')}
          </p>
        )}
        <div className="form-grid">
          <InputField
            label={t('settings.webhookPort')}
            type="number"
            min={0}
            max={65535}
            value={draft.port}
            aria-invalid={invalid.has('webhook.port')}
            onValue={(v) => set('port', v)}
          />
          <InputField
            label={t('settings.pollInterval')}
            type="number"
            min={5}
            max={86400}
            value={draft.pollIntervalSeconds}
            aria-invalid={invalid.has('pollIntervalSeconds')}
            onValue={(v) => set('pollIntervalSeconds', v)}
          />
          <InputField
            label={t('settings.retentionDays')}
            type="number"
            min={1}
            max={3650}
            value={draft.retentionDays}
            aria-invalid={invalid.has('retentionDays')}
            onValue={(v) => set('retentionDays', v)}
          />
        </div>
        {invalid.has('webhook.port') && <p className="error">{t('settings.portInvalid')}</p>}
        {invalid.has('pollIntervalSeconds') && <p className="error">{t('settings.pollInvalid')}</p>}
        {invalid.has('retentionDays') && <p className="error">{t('settings.retentionInvalid')}</p>}
        <ErrorText error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!check.success}>
            {t('settings.save')}
          </button>
          {saved && (
            <span role="status" className="success">
              {t('settings.saved')}
            </span>
          )}
        </div>
      </Form>
    </Section>
  );
}
