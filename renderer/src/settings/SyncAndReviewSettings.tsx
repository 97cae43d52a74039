// Webhook receiver, poll interval, retention and review thresholds: edited together, saved with one button,
// validated as typed with the shared settings schema, whose bounds the fields take as min/max.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { settingsSchema, type Settings } from '../../../shared/reviewer-api.js';
import { useSettings } from '../state/settings.js';
import { useStatus } from '../state/status.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { CheckboxField, Form, InputField } from '../common/FormFields.js';

interface Draft {
  webhookEnabled: boolean;
  port: string;
  pollIntervalSeconds: string;
  retentionDays: string;
  faceMatchThreshold: string;
  livenessThreshold: string;
  uboThresholdPercent: string;
}

function toDraft(s: Settings): Draft {
  return {
    webhookEnabled: s.webhook.enabled,
    port: String(s.webhook.port),
    pollIntervalSeconds: String(s.pollIntervalSeconds),
    retentionDays: String(s.retentionDays),
    faceMatchThreshold: String(s.faceMatchThreshold),
    livenessThreshold: String(s.livenessThreshold),
    uboThresholdPercent: String(s.uboThresholdPercent),
  };
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const decimal = (text: string) =>
  /^\d+([.,]\d+)?$/.test(text.trim()) ? Number(text.trim().replace(',', '.')) : Number.NaN;

/** A number field's min and max, as the settings schema bounds it. */
function bounds(schema: z.ZodNumber): { min?: number; max?: number } {
  return { min: schema.minValue ?? undefined, max: schema.maxValue ?? undefined };
}

const field = settingsSchema.shape;
const BOUNDS = {
  port: bounds(field.webhook.shape.port),
  pollIntervalSeconds: bounds(field.pollIntervalSeconds),
  retentionDays: bounds(field.retentionDays),
  faceMatchThreshold: bounds(field.faceMatchThreshold),
  livenessThreshold: bounds(field.livenessThreshold),
  uboThresholdPercent: bounds(field.uboThresholdPercent),
};

export function SyncAndReviewSettings() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const webhook = useStatus((s) => s.status?.webhook);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const { error, run } = useEngineAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(toDraft(settings)), [settings]);

  const candidate = {
    ...settings,
    pollIntervalSeconds: wholeNumber(draft.pollIntervalSeconds),
    retentionDays: wholeNumber(draft.retentionDays),
    faceMatchThreshold: wholeNumber(draft.faceMatchThreshold),
    livenessThreshold: wholeNumber(draft.livenessThreshold),
    uboThresholdPercent: decimal(draft.uboThresholdPercent),
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
    await run(async () => {
      await update({
        pollIntervalSeconds: check.data.pollIntervalSeconds,
        retentionDays: check.data.retentionDays,
        faceMatchThreshold: check.data.faceMatchThreshold,
        livenessThreshold: check.data.livenessThreshold,
        uboThresholdPercent: check.data.uboThresholdPercent,
        webhook: check.data.webhook,
      });
      setSaved(true);
      void useStatus.getState().refresh();
    });
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
        <div className="common-form-grid">
          <InputField
            label={t('settings.webhookPort')}
            type="number"
            {...BOUNDS.port}
            value={draft.port}
            aria-invalid={invalid.has('webhook.port')}
            onValue={(v) => set('port', v)}
          />
          <InputField
            label={t('settings.pollInterval')}
            type="number"
            {...BOUNDS.pollIntervalSeconds}
            value={draft.pollIntervalSeconds}
            aria-invalid={invalid.has('pollIntervalSeconds')}
            onValue={(v) => set('pollIntervalSeconds', v)}
          />
          <InputField
            label={t('settings.retentionDays')}
            type="number"
            {...BOUNDS.retentionDays}
            value={draft.retentionDays}
            aria-invalid={invalid.has('retentionDays')}
            onValue={(v) => set('retentionDays', v)}
          />
        </div>
        <h4>{t('settings.reviewThresholds')}</h4>
        <div className="common-form-grid">
          <InputField
            label={t('settings.faceMatchThreshold')}
            type="number"
            {...BOUNDS.faceMatchThreshold}
            value={draft.faceMatchThreshold}
            aria-invalid={invalid.has('faceMatchThreshold')}
            onValue={(v) => set('faceMatchThreshold', v)}
          />
          <InputField
            label={t('settings.livenessThreshold')}
            type="number"
            {...BOUNDS.livenessThreshold}
            value={draft.livenessThreshold}
            aria-invalid={invalid.has('livenessThreshold')}
            onValue={(v) => set('livenessThreshold', v)}
          />
          <InputField
            label={t('settings.uboThreshold')}
            type="number"
            {...BOUNDS.uboThresholdPercent}
            step="any"
            value={draft.uboThresholdPercent}
            aria-invalid={invalid.has('uboThresholdPercent')}
            onValue={(v) => set('uboThresholdPercent', v)}
          />
        </div>
        {invalid.has('webhook.port') && <p className="error">{t('settings.portInvalid')}</p>}
        {invalid.has('pollIntervalSeconds') && <p className="error">{t('settings.pollInvalid')}</p>}
        {invalid.has('retentionDays') && <p className="error">{t('settings.retentionInvalid')}</p>}
        {['faceMatchThreshold', 'livenessThreshold', 'uboThresholdPercent'].some((f) => invalid.has(f)) && (
          <p className="error">{t('settings.thresholdInvalid')}</p>
        )}
        <ErrorText error={error} />
        <div className="common-actions">
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
