// Shown while the profile is a throwaway demo whose keys live only in memory.
import { useTranslation } from 'react-i18next';
import { useStatus } from '../state/status.js';

export function DemoBanner() {
  const { t } = useTranslation();
  const keychain = useStatus((s) => s.status?.keychain);
  if (keychain !== 'memory') return null;
  return (
    <div className="frame-banner frame-demo-banner" role="note">
      {t('frame.memoryKeychain')}
    </div>
  );
}
