// Token lifetime: 1 minute, 1 hour, 24 hours or a custom number of seconds (validated as typed).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TTL_MAX_SECONDS, TTL_MIN_SECONDS } from '../../../shared/didit/api.js';
import { InputField } from '../common/FormFields.js';
import { TTL_PRESETS, parseCustomTtl } from './ttl.js';

export interface TtlChoice {
  preset: (typeof TTL_PRESETS)[number]['key'] | 'custom';
  custom: string;
}

/** Seconds for a choice, or null while the custom value is invalid. */
export function ttlSeconds(choice: TtlChoice): number | null {
  if (choice.preset !== 'custom') return TTL_PRESETS.find((p) => p.key === choice.preset)!.seconds;
  const check = parseCustomTtl(choice.custom);
  return check.ok ? check.seconds : null;
}

export function TtlPicker({ value, onChange }: { value: TtlChoice; onChange(next: TtlChoice): void }) {
  const { t } = useTranslation();
  const name = useId();
  const errorId = useId();
  const check = value.preset === 'custom' ? parseCustomTtl(value.custom) : null;
  return (
    <fieldset className="outbound-ttl-picker">
      <legend>{t('outbound.ttl')}</legend>
      {TTL_PRESETS.map((p) => (
        <label key={p.key} className="radio">
          <input
            type="radio"
            name={name}
            checked={value.preset === p.key}
            onChange={() => onChange({ ...value, preset: p.key })}
          />
          {t(`outbound.ttlPreset.${p.key}`)}
        </label>
      ))}
      <label className="radio">
        <input
          type="radio"
          name={name}
          checked={value.preset === 'custom'}
          onChange={() => onChange({ ...value, preset: 'custom' })}
        />
        {t('outbound.ttlPreset.custom')}
      </label>
      {value.preset === 'custom' && (
        <InputField
          label={t('outbound.customTtl')}
          type="number"
          inputMode="numeric"
          min={TTL_MIN_SECONDS}
          max={TTL_MAX_SECONDS}
          step={1}
          value={value.custom}
          aria-invalid={check !== null && !check.ok}
          aria-describedby={errorId}
          onValue={(custom) => onChange({ ...value, custom })}
        />
      )}
      {check && !check.ok && (
        <p id={errorId} className="error" role="alert">
          {t(`outbound.ttlError.${check.reason}`, { min: TTL_MIN_SECONDS, max: TTL_MAX_SECONDS })}
        </p>
      )}
    </fieldset>
  );
}
