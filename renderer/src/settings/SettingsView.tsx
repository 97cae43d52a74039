import { useTranslation } from 'react-i18next';
import { ConnectionsSettings } from './ConnectionsSettings.js';
import { AnalystSettings } from './AnalystSettings.js';
import { DeclineReasonsSettings } from './DeclineReasonsSettings.js';
import { PartnersSettings } from './PartnersSettings.js';
import { SyncAndReviewSettings } from './SyncAndReviewSettings.js';
import { AmlPolicySettings } from './AmlPolicySettings.js';
import { AppearanceSettings } from './AppearanceSettings.js';
import { AuditLog } from './AuditLog.js';
import { WipeProfile } from './WipeProfile.js';
import './settings.css';

export function SettingsView() {
  const { t } = useTranslation();
  return (
    <div className="settings">
      <h2>{t('nav.settings')}</h2>
      <AnalystSettings />
      <ConnectionsSettings />
      <PartnersSettings />
      <SyncAndReviewSettings />
      <AmlPolicySettings />
      <DeclineReasonsSettings />
      <AppearanceSettings />
      <AuditLog />
      <WipeProfile />
    </div>
  );
}
