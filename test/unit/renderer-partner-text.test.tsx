// Partner-supplied strings reach the screen as text, never as markup or live links to anything but http(s);
// the beneficial-owners table shows the effective percentages a reviewer (and a screen reader) reads.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18n from '../../renderer/src/i18n/index.js';
import { AmlHitCard } from '../../renderer/src/detail/AmlSection.js';
import { BeneficialOwnersTable } from '../../renderer/src/detail/kyb/BeneficialOwnersTable.js';
import { Warnings } from '../../renderer/src/common/Warnings.js';
import { effectiveOwnership, UBO_THRESHOLD_PERCENT } from '../../shared/ownership.js';
import type { OwnershipNode } from '../../shared/didit/session.js';

const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';

describe('partner text in the detail pane', () => {
  it('renders AML hit captions, summaries and PEP details as text and drops non-http links', async () => {
    await i18n.changeLanguage('en');
    const html = renderToStaticMarkup(
      <AmlHitCard
        hit={{
          id: 'h1',
          caption: hostile,
          match_score: 0.93,
          risk_score: 88,
          review_status: 'Unreviewed',
          datasets: ['PEP', 'Adverse Media'],
          pep_matches: [{ position: hostile, country: 'XX' }],
          adverse_media_matches: [
            { headline: hostile, summary: 'Plain summary', source_url: 'javascript:alert(3)' },
            { headline: 'Real story', summary: null, source_url: 'https://news.example.org/a?b=1&c=2' },
          ],
        }}
      />,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    // The javascript: URL is shown as text only; the https one becomes a link that opens outside the app.
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(3)');
    expect(html).toContain('href="https://news.example.org/a?b=1&amp;c=2"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    // Scores sent as 0..1 are shown on the same 0..100 scale as the others.
    expect(html).toContain('93');
    expect(html).toContain('Adverse media');
    expect(html).toContain('Unreviewed');
  });

  it('shows warnings as text, most severe first', async () => {
    await i18n.changeLanguage('en');
    const html = renderToStaticMarkup(
      <Warnings
        warnings={[
          { log_type: 'information', short_description: 'FYI' },
          { log_type: 'error', short_description: hostile },
        ]}
      />,
    );
    expect(html.indexOf('warning-error')).toBeLessThan(html.indexOf('warning-information'));
    expect(html).not.toContain('<script>');
  });
});

describe('Beneficial owners table', () => {
  const structure: OwnershipNode[] = [
    { name: 'Eva Marsh', entity_type: 'person', ownership_percentage: 20, id: 'p-eva' },
    {
      name: 'Alpha Holdings',
      entity_type: 'company',
      ownership_percentage: 50,
      owners: [
        { name: 'Eva Marsh', entity_type: 'person', ownership_percentage: 30, id: 'p-eva' },
        { name: 'Finn Low', entity_type: 'person', ownership_percentage: 70, id: 'p-finn' },
      ],
    },
    { name: 'Gus Small', entity_type: 'person', ownership_percentage: 12.5, id: 'p-gus' },
  ];

  const rows = (html: string) =>
    [
      ...html.matchAll(
        /<tr( class="kyb-above-threshold")?><th scope="row">([^<]+)<\/th><td>[^<]+<\/td><td class="common-table-numeric">([^<]+)<\/td>/g,
      ),
    ].map((m) => ({ name: m[2], effective: m[3], highlighted: Boolean(m[1]) }));

  it('lists each UBO once with its summed effective share, highlighting those at or above 25 %', async () => {
    await i18n.changeLanguage('en');
    const html = renderToStaticMarkup(
      <BeneficialOwnersTable owners={effectiveOwnership(structure)} threshold={UBO_THRESHOLD_PERCENT} />,
    );
    expect(html).toContain('<caption>Beneficial owners</caption>');
    // Eva: 20 + 50 × 30 % = 35; Finn: 50 × 70 % = 35; Gus: 12.5.
    expect(rows(html)).toEqual([
      { name: 'Eva Marsh', effective: '35.00 %', highlighted: true },
      { name: 'Finn Low', effective: '35.00 %', highlighted: true },
      { name: 'Gus Small', effective: '12.50 %', highlighted: false },
    ]);
    expect(html).toContain('Alpha Holdings → Eva Marsh');
  });

  it('formats the shares for the Spanish locale', async () => {
    await i18n.changeLanguage('es');
    const html = renderToStaticMarkup(<BeneficialOwnersTable owners={effectiveOwnership(structure)} threshold={25} />);
    expect(html).toContain('<caption>Titulares reales</caption>');
    expect(rows(html).map((r) => r.effective)).toEqual(['35,00 %', '35,00 %', '12,50 %']);
    await i18n.changeLanguage('en');
  });
});
