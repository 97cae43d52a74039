// The KYC case shows what Didit documents (carrier name and type, breaches, registry outcomes, IP ISP and device,
// the NFC chip), survives items with every field missing, and marks parts it could not read with their raw JSON as
// text while the rest of the case still shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18n from '../../renderer/src/i18n/index.js';
import { KycDetail } from '../../renderer/src/detail/kyc/KycDetail.js';
import { UnreadableParts } from '../../renderer/src/detail/UnreadableParts.js';
import { Timeline } from '../../renderer/src/detail/Timeline.js';
import { readSession } from '../../shared/didit/session-reader.js';
import type { KycSession } from '../../shared/didit/session.js';
import type { SessionDetail } from '../../shared/reviewer-api.js';

const documented = JSON.parse(
  readFileSync(new URL('../fixtures/didit/kyc-decision.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';

function kyc(raw: Record<string, unknown>) {
  const read = readSession(raw);
  return { payload: read.payload as KycSession, unreadable: read.unreadable };
}

describe("Didit's documented KYC decision in the case view", () => {
  it('shows every documented block with its documented fields', async () => {
    await i18n.changeLanguage('en');
    const { payload, unreadable } = kyc(documented);
    expect(unreadable).toEqual([]);
    const html = renderToStaticMarkup(<KycDetail payload={payload} />);
    // Phone: carrier object, line type, method.
    expect(html).toContain('T-Mobile');
    expect(html).toContain('Line type');
    expect(html).toContain('>Mobile<');
    expect(html).toContain('SMS');
    // Email: breaches with their data classes.
    expect(html).toContain('TAPAirPortugal');
    expect(html).toContain('flytap.com');
    expect(html).toContain('phone numbers');
    // Database validation: method and service.
    expect(html).toContain('esp_national_id');
    expect(html).toContain('One by one (1x1)');
    // IP analysis: ISP, organization, location, device, distances.
    expect(html).toContain('Example Hosting BV');
    expect(html).toContain('North Holland');
    expect(html).toContain('Chrome · Linux');
    expect(html).toContain('1,834 km');
    // NFC: chip data, authenticity, certificate.
    expect(html).toContain('NFC chip');
    expect(html).toContain('CSCA SPAIN');
    expect(html).toContain('Security object (SOD) verifies');
    // Proof of address under Didit's decision name, with the documented type label.
    expect(html).toContain('Bank statement');
    expect(html).toContain('123 Main St, Apartment 4B, 10001, New York, NY');
    // AML hit.
    expect(html).toContain('Carmen Española Española');
  });

  it('reads the same in Spanish', async () => {
    await i18n.changeLanguage('es');
    const html = renderToStaticMarkup(<KycDetail payload={kyc(documented).payload} />);
    expect(html).toContain('Chip NFC');
    expect(html).toContain('Tipo de línea');
    expect(html).toContain('Extracto bancario');
    await i18n.changeLanguage('en');
  });

  it('never crashes on items whose every field is missing or null', async () => {
    await i18n.changeLanguage('en');
    const blocks = [
      'id_verifications',
      'nfc_verifications',
      'liveness_checks',
      'face_matches',
      'aml_screenings',
      'database_validations',
      'poa_verifications',
      'phone_verifications',
      'email_verifications',
      'ip_analyses',
    ];
    const empty = Object.fromEntries(blocks.map((b) => [b, [{}]]));
    const nulls = Object.fromEntries(
      blocks.map((b) => [
        b,
        [Object.fromEntries(Object.keys((documented[b] as Record<string, unknown>[])[0]).map((k) => [k, null]))],
      ]),
    );
    for (const blockSet of [empty, nulls]) {
      const { payload, unreadable } = kyc({ session_id: 's1', session_kind: 'user', status: 'In Review', ...blockSet });
      expect(unreadable).toEqual([]);
      expect(() => renderToStaticMarkup(<KycDetail payload={payload} />)).not.toThrow();
    }
  });

  it('accepts the carrier as a plain name (older payloads)', () => {
    const phone = { ...(documented.phone_verifications as object[])[0], carrier: 'Old Carrier' };
    const html = renderToStaticMarkup(
      <KycDetail payload={kyc({ ...documented, phone_verifications: [phone] }).payload} />,
    );
    expect(html).toContain('Old Carrier');
  });
});

describe('parts that could not be read', () => {
  it('are marked with their block, reason and raw JSON as text; the rest of the case still shows', async () => {
    await i18n.changeLanguage('en');
    const raw = {
      ...documented,
      phone_verifications: [{ carrier: 42, full_number: hostile }],
      liveness_checks: 'not a list of objects',
    };
    const { payload, unreadable } = kyc(raw);
    expect(unreadable.map((p) => p.block).sort()).toEqual(['liveness_checks', 'phone_verifications']);
    const html = renderToStaticMarkup(
      <>
        <UnreadableParts parts={unreadable} />
        <KycDetail payload={payload} />
      </>,
    );
    expect(html).toContain('This part could not be read');
    expect(html).toContain('phone_verifications[0]');
    expect(html).toContain('<details>');
    expect(html).toContain('Raw JSON as received');
    // Pretty-printed and escaped: the partner's markup is text.
    expect(html).toContain('&quot;carrier&quot;: 42');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    // The readable blocks are still there.
    expect(html).toContain('TAPAirPortugal');
    expect(html).toContain('CSCA SPAIN');
  });

  it('shows nothing when every part was read', () => {
    expect(renderToStaticMarkup(<UnreadableParts parts={[]} />)).toBe('');
  });
});

describe('the timeline', () => {
  it('lists reviews whose every field may be missing', async () => {
    await i18n.changeLanguage('en');
    const { payload } = kyc({
      session_id: 's1',
      session_kind: 'user',
      status: 'Approved',
      reviews: [
        { user: null, new_status: null, comment: null, created_at: null },
        {},
        { user: 'ana@example.com', new_status: 'Approved', comment: 'ok', created_at: '2024-07-28T06:47:35Z' },
      ],
    });
    const detail = { payload, audit: [] } as unknown as SessionDetail;
    const html = renderToStaticMarkup(<Timeline detail={detail} />);
    expect(html).toContain('Approved by ana@example.com');
    expect(html).toContain('Review by unknown reviewer');
    expect(html.indexOf('ana@example.com')).toBeLessThan(html.indexOf('Undated'));
  });
});
