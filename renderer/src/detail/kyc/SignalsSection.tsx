// Phone, email and IP checks; risky flags (disposable, virtual, breached, VPN/Tor, data centre) are highlighted.
import { useTranslation } from 'react-i18next';
import type { KycSession } from '../../../../shared/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';

export function SignalsSection({ payload }: { payload: KycSession }) {
  const { t } = useTranslation();
  const phones = payload.phone_verifications ?? [];
  const emails = payload.email_verifications ?? [];
  const ips = payload.ip_analyses ?? [];
  if (phones.length + emails.length + ips.length === 0) return null;
  return (
    <div className="signals">
      {phones.map((p, i) => (
        <Section key={`p${i}`} title={t('kyc.phone')}>
          <Warnings warnings={p.warnings} />
          <FieldList>
            <Field label={t('kyc.phoneNumber')} value={p.full_number} />
            <Field label={t('kyc.countryCode')} value={p.country_code} />
            <Field label={t('kyc.carrier')} value={p.carrier} />
            <Field label={t('kyc.disposable')} value={p.is_disposable} flagged={p.is_disposable === true} />
            <Field label={t('kyc.virtual')} value={p.is_virtual} flagged={p.is_virtual === true} />
          </FieldList>
        </Section>
      ))}
      {emails.map((e, i) => (
        <Section key={`e${i}`} title={t('kyc.email')}>
          <Warnings warnings={e.warnings} />
          <FieldList>
            <Field label={t('kyc.emailAddress')} value={e.email} />
            <Field label={t('kyc.breached')} value={e.is_breached} flagged={e.is_breached === true} />
            <Field label={t('kyc.disposable')} value={e.is_disposable} flagged={e.is_disposable === true} />
          </FieldList>
        </Section>
      ))}
      {ips.map((ip, i) => (
        <Section key={`i${i}`} title={t('kyc.ip')}>
          <Warnings warnings={ip.warnings} />
          <FieldList>
            <Field label={t('kyc.ipAddress')} value={ip.ip_address} />
            <Field label={t('kyc.ipCountry')} value={ip.ip_country_code} />
            <Field label={t('kyc.ipCity')} value={ip.ip_city} />
            <Field label={t('kyc.vpnOrTor')} value={ip.is_vpn_or_tor} flagged={ip.is_vpn_or_tor === true} />
            <Field label={t('kyc.dataCenter')} value={ip.is_data_center} flagged={ip.is_data_center === true} />
          </FieldList>
        </Section>
      ))}
    </div>
  );
}
