// A 0..100 score on a bar with its threshold marked; under the threshold it is flagged in colour and in words.
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.js';

interface GaugeProps {
  label: string;
  score: number | null | undefined;
  threshold: number;
}

export function Gauge({ label, score, threshold }: GaugeProps) {
  const { t, i18n } = useTranslation();
  if (score === null || score === undefined || !Number.isFinite(score)) {
    return (
      <p className="common-gauge-missing">
        {label}: {t('common.notAvailable')}
      </p>
    );
  }
  const value = Math.min(100, Math.max(0, score));
  const below = value < threshold;
  const text = t(below ? 'gauge.below' : 'gauge.atOrAbove', {
    score: formatNumber(value, i18n.language, 1),
    threshold: formatNumber(threshold, i18n.language),
  });
  return (
    <div className={`common-gauge${below ? ' common-gauge-below' : ''}`}>
      <div className="common-gauge-label">
        <span>{label}</span>
        <strong>{text}</strong>
      </div>
      <div
        className="common-gauge-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <div className="common-gauge-fill" style={{ width: `${value}%` }} />
        <div className="common-gauge-threshold" style={{ left: `${threshold}%` }} aria-hidden="true" />
      </div>
    </div>
  );
}
