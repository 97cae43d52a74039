import { useTranslation } from 'react-i18next';
import { ConnectionsSettings } from './ConnectionsSettings.js';
import { SyncSettings } from './SyncSettings.js';
import { AppearanceSettings } from './AppearanceSettings.js';
import { AuditLog } from './AuditLog.js';
import { WipeProfile } from './WipeProfile.js';

export function SettingsView() {
  const { t } = useTranslation();
  return (
    <div className="settings">
      <h2>{t('nav.settings')}</h2>
      <ConnectionsSettings />
      <SyncSettings />
      <AppearanceSettings />
      <AuditLog />
      <WipeProfile />
    </div>
  );
}
