// Live time left until a token expires, ticking every second; says "Expired" at zero.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../common/format.js';

export function Countdown({ expiresAt }: { expiresAt: string }) {
  const { t } = useTranslation();
  const end = Date.parse(expiresAt);
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.round((end - now) / 1000));
  const running = left > 0;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  if (Number.isNaN(end)) return null;
  return (
    <span className={running ? 'outbound-countdown' : 'outbound-countdown outbound-countdown-expired'} role="timer">
      {running ? t('outbound.expiresInValue', { time: formatCountdown(left) }) : t('outbound.expired')}
    </span>
  );
}
