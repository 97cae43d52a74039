// Phone, email and IP checks; risky flags (disposable, virtual, breached, undeliverable, VPN/Tor, data centre) are
// highlighted. Shapes follow Didit's reports: the carrier is `{name, type}` (a plain name from older payloads),
// an email lists the breaches it was found in, an IP analysis names its ISP, location, device and distances.
import { useTranslation } from 'react-i18next';
import { carrierName, type KycSession } from '../../../../shared/didit/session.js';
import { Section } from '../../common/Section.js';
import { Field, FieldList } from '../../common/Fields.js';
import { Warnings } from '../../common/Warnings.js';
import { statusLabel } from '../../common/labels.js';
import { formatDateTime, formatNumber } from '../../common/format.js';

type Phone = NonNullable<KycSession['phone_verifications']>[number];
type Email = NonNullable<KycSession['email_verifications']>[number];
type Ip = NonNullable<KycSession['ip_analyses']>[number];

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const joined = (...parts: unknown[]): string | null =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' · ') || null;

export function SignalsSection({ payload }: { payload: KycSession }) {
  const phones = payload.phone_verifications ?? [];
  const emails = payload.email_verifications ?? [];
  const ips = payload.ip_analyses ?? [];
  if (phones.length + emails.length + ips.length === 0) return null;
  return (
    <div className="kyc-signals">
      {phones.map((p, i) => (
        <PhoneCard key={`p${i}`} item={p} />
      ))}
      {emails.map((e, i) => (
        <EmailCard key={`e${i}`} item={e} />
      ))}
      {ips.map((ip, i) => (
        <IpCard key={`i${i}`} item={ip} />
      ))}
    </div>
  );
}

function PhoneCard({ item: p }: { item: Phone }) {
  const { t, i18n } = useTranslation();
  const carrierType = typeof p.carrier === 'object' && p.carrier !== null ? (p.carrier.type ?? null) : null;
  return (
    <Section title={t('kyc.phone')}>
      <Warnings warnings={p.warnings} />
      <FieldList>
        <Field label={t('common.status')} value={p.status ? statusLabel(t, p.status) : null} />
        <Field
          label={t('kyc.phoneNumber')}
          value={p.full_number ?? ([p.phone_number_prefix, p.phone_number].filter(Boolean).join(' ') || null)}
        />
        <Field label={t('kyc.phoneCountry')} value={joined(p.country_name, p.country_code)} />
        <Field label={t('kyc.carrier')} value={carrierName(p.carrier)} />
        <Field
          label={t('kyc.carrierType')}
          value={carrierType ? t(`carrierType.${carrierType}`, { defaultValue: carrierType }) : null}
          flagged={carrierType === 'voip'}
        />
        <Field label={t('kyc.disposable')} value={p.is_disposable} flagged={p.is_disposable === true} />
        <Field label={t('kyc.virtual')} value={p.is_virtual} flagged={p.is_virtual === true} />
        <Field
          label={t('kyc.verificationMethod')}
          value={
            p.verification_method
              ? t(`verificationMethod.${p.verification_method}`, { defaultValue: p.verification_method })
              : null
          }
        />
        <Field label={t('kyc.verificationAttempts')} value={p.verification_attempts} />
        <Field
          label={t('kyc.verifiedAt')}
          value={p.verified_at ? formatDateTime(p.verified_at, i18n.language) : null}
        />
      </FieldList>
    </Section>
  );
}

function EmailCard({ item: e }: { item: Email }) {
  const { t, i18n } = useTranslation();
  const breaches = e.breaches ?? [];
  return (
    <Section title={t('kyc.email')}>
      <Warnings warnings={e.warnings} />
      <FieldList>
        <Field label={t('common.status')} value={e.status ? statusLabel(t, e.status) : null} />
        <Field label={t('kyc.emailAddress')} value={e.email} />
        <Field label={t('kyc.breached')} value={e.is_breached} flagged={e.is_breached === true} />
        <Field label={t('kyc.disposable')} value={e.is_disposable} flagged={e.is_disposable === true} />
        <Field label={t('kyc.undeliverable')} value={e.is_undeliverable} flagged={e.is_undeliverable === true} />
        <Field label={t('kyc.verificationAttempts')} value={e.verification_attempts} />
        <Field
          label={t('kyc.verifiedAt')}
          value={e.verified_at ? formatDateTime(e.verified_at, i18n.language) : null}
        />
      </FieldList>
      {breaches.length > 0 && (
        <div className="kyc-breaches">
          <h4>{t('kyc.breaches', { count: breaches.length })}</h4>
          <ul>
            {breaches.map((b, j) => {
              const classes = (Array.isArray(b.data_classes) ? b.data_classes : []).filter(
                (c): c is string => typeof c === 'string',
              );
              return (
                <li key={j}>
                  <strong>{b.name ?? t('kyc.unnamedBreach')}</strong>
                  {joined(b.domain, b.breach_date) && (
                    <span className="muted"> ({joined(b.domain, b.breach_date)})</span>
                  )}
                  {b.description && <p>{b.description}</p>}
                  {classes.length > 0 && (
                    <p className="muted">
                      {t('kyc.breachData')}: {classes.map((c) => c.replace(/_/g, ' ')).join(', ')}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Section>
  );
}

function IpCard({ item: ip }: { item: Ip }) {
  const { t, i18n } = useTranslation();
  const distances = record(ip.ip);
  const km = (value: unknown) => {
    const n = num(value);
    return n === null ? null : t('kyc.km', { value: formatNumber(n, i18n.language, 0) });
  };
  const device = [ip.device_brand, ip.device_model].filter(Boolean).join(' ') || null;
  return (
    <Section title={t('kyc.ip')}>
      <Warnings warnings={ip.warnings} />
      <FieldList>
        <Field label={t('common.status')} value={ip.status ? statusLabel(t, ip.status) : null} />
        <Field label={t('kyc.ipAddress')} value={ip.ip_address} />
        <Field label={t('kyc.ipCountry')} value={joined(ip.ip_country, ip.ip_country_code)} />
        <Field label={t('kyc.ipState')} value={ip.ip_state} />
        <Field label={t('kyc.ipCity')} value={ip.ip_city} />
        <Field label={t('kyc.isp')} value={ip.isp} />
        <Field label={t('kyc.organization')} value={ip.organization} />
        <Field label={t('kyc.timeZone')} value={ip.time_zone} />
        <Field label={t('kyc.vpnOrTor')} value={ip.is_vpn_or_tor} flagged={ip.is_vpn_or_tor === true} />
        <Field label={t('kyc.dataCenter')} value={ip.is_data_center} flagged={ip.is_data_center === true} />
        <Field label={t('kyc.device')} value={device} />
        <Field label={t('kyc.browserOs')} value={joined(ip.browser_family, ip.os_family)} />
        <Field
          label={t('kyc.platform')}
          value={ip.platform ? t(`platform.${ip.platform}`, { defaultValue: ip.platform }) : null}
        />
        <Field label={t('kyc.distanceFromId')} value={km(distances.distance_from_id_document)} />
        <Field label={t('kyc.distanceFromPoa')} value={km(distances.distance_from_poa_document)} />
      </FieldList>
    </Section>
  );
}
