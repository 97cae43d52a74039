// The KYB sections read Didit's documented shapes and never crash on partner data that is missing, null or odd:
// missing values show as "—", role objects get their labels and figures, documents their groups and summaries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18n from '../../renderer/src/i18n/index.js';
import { ChainCompanies, RegistryCard } from '../../renderer/src/detail/kyb/RegistryCard.js';
import { KeyPeopleSection } from '../../renderer/src/detail/kyb/KeyPeopleSection.js';
import { KybDocumentsSection, QuestionnairesSection } from '../../renderer/src/detail/kyb/KybDocumentsSection.js';
import { readSession } from '../../shared/didit/session-reader.js';
import type { KybSession } from '../../shared/didit/session.js';
import { createRng, previewPayload, syntheticSession } from '../../sandbox/synthetic/index.js';

const read = (raw: unknown) => readSession(raw).payload as KybSession;
const example = read(JSON.parse(readFileSync('test/fixtures/didit/kyb-decision.json', 'utf8')));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function all(payload: KybSession): string {
  return renderToStaticMarkup(
    <>
      {payload.registry_checks?.[0] && <RegistryCard registry={payload.registry_checks[0]} />}
      <ChainCompanies registries={(payload.registry_checks ?? []).slice(1)} />
      <KeyPeopleSection
        checks={payload.key_people_checks ?? []}
        companyNames={(payload.registry_checks ?? []).map((r) => r.company?.company_name)}
      />
      <KybDocumentsSection payload={payload} />
      <QuestionnairesSection payload={payload} />
    </>,
  );
}

describe('KYB sections', () => {
  it("show Didit's documented example: every company field, officers and owners with role labels and figures", async () => {
    await i18n.changeLanguage('en');
    const html = text(all(example));
    for (const s of [
      'Company name Acme Example SL',
      'Registration number B00000000',
      'Country ESP',
      'Company type SL',
      'Registry status Active',
      'Registered address Calle Ejemplo 1, 28001 Madrid',
      'Tax number B00000000',
      'Alternative names Acme',
      'Legal entity identifier (LEI) —',
      'Nature of business Software development',
      'Registered capital 3,000 EUR',
      'Place of registration Madrid',
      'From the registry Yes',
      'Jane Doe Person Director, Shareholder Shareholder: 30.00 % Shareholder: 30.00 %',
      'John Example Person UBO UBO: 70.00 % UBO: 70.00 %',
      'Parent Holdings Ltd · Reg. no. 00000000 Company Shareholder Shareholder: 10.00 %',
    ])
      expect(html).toContain(s);
  });

  it('label roles and document groups in Spanish', async () => {
    await i18n.changeLanguage('es');
    const session = syntheticSession({ kind: 'business', status: 'IN_REVIEW', rng: createRng(5) });
    const html = text(all(read(previewPayload(session))));
    for (const s of ['Administrador', 'Firmante autorizado', 'Secretario', 'Titular real', 'Accionista'])
      expect(html).toContain(s);
    for (const s of [
      'Existencia legal',
      'Datos de la empresa',
      'Estructura de propiedad',
      'Autorización de representantes',
    ])
      expect(html).toContain(s);
    expect(html).toMatch(/\d+ de \d+ aprobados/);
    await i18n.changeLanguage('en');
  });

  it('render "—" for whatever is missing, null or of an unexpected type, and never throw', async () => {
    await i18n.changeLanguage('en');
    const hostile = read({
      session_id: 'x',
      session_kind: 'business',
      status: 'IN_REVIEW',
      registry_checks: [{ company: null }, { company: { registered_address: { street: 'Calle 1' } } }, {}],
      key_people_checks: [
        {
          registry: { officers: [{ roles: null }, { name: 'Only Name' }], beneficial_owners: null },
          submitted: {
            parties: [{ entity_type: 'company', roles: [{ role: 'weird_role', ownership_percent: null }] }],
          },
        },
        {},
      ],
      document_verifications: [
        {
          groups: [
            { group: null, summary: null, documents: null },
            { group: 'new_group', documents: [{}] },
          ],
        },
        { status: 'Approved' },
      ],
      questionnaires: [{ answers: [{ question: null, answer: { nested: [1, 2] } }] }],
    });
    const html = text(all(hostile));
    expect(html).toContain('Company name —');
    expect(html).toContain('Only Name');
    expect(html).toContain('weird_role');
    expect(html).toContain('new_group');
    expect(html).toContain('No documents in this group.');
    expect(() => all(read({ session_id: 'y', session_kind: 'business', status: 'APPROVED' }))).not.toThrow();
  });
});
