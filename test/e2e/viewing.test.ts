/**
 * Viewing a case on the demo data at 1280×800, in Debian's Chromium against the browser host: Compare in the
 * document viewer always sets the document's front beside the portrait and the selfie; a proof-of-address PDF
 * previews inline from the host's media URL (served from the encrypted cache as a sandboxed application/pdf, never
 * downloaded), with a download link; the ownership graph's labels are whole and legible, and a UBO whose KYC was
 * declined is marked so. Screenshots go to test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow, SessionDetail } from '../../shared/reviewer-api.js';
import { startApp, stopApp } from './helpers/app.js';
import { cspViolations, screenshot } from './helpers/browser.js';
import type { RunningHost } from './helpers/host.js';

const VIEWPORT = { width: 1280, height: 800 };
let host: RunningHost;
let browser: Browser;
let page: Page;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sessions = () => page.getByRole('listbox', { name: 'Sessions' });
const detail = () => page.getByRole('region', { name: 'Session detail' });
const search = () => page.getByRole('searchbox', { name: 'Search sessions' });

async function inboxDetails(kind: 'user' | 'business'): Promise<SessionDetail[]> {
  const rows = (await host.api('listSessions', { view: 'inbox', limit: 500 })).rows.filter((r) => r.kind === kind);
  return Promise.all(rows.map((r) => host.api('getSession', { id: r.id })));
}

async function open(row: QueueRow): Promise<void> {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await search().fill(row.vendorData!);
  await sessions()
    .getByRole('option', { name: new RegExp(`^${escape(row.subjectName!)}, ${escape(row.vendorData!)},`) })
    .click();
  await detail().getByRole('heading', { level: 2 }).filter({ hasText: row.subjectName! }).waitFor();
}

beforeAll(async () => {
  ({ host, browser, page } = await startApp({ page: { viewport: VIEWPORT }, firstSync: true }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('the document viewer', () => {
  it('compares the front of the document, even while the back is on screen', async () => {
    const withBack = (await inboxDetails('user')).find((d) =>
      d.media.some((m) => /^id_verifications?\[0\]\.back_image$/.test(m.locator)),
    );
    expect(withBack, 'a KYC case with a cached back image').toBeDefined();
    await open(withBack!.row);
    const viewer = detail().getByRole('toolbar', { name: 'Document viewer' });
    const shown = detail()
      .getByRole('group', { name: /^Document image/ })
      .getByRole('img');
    await viewer.getByRole('button', { name: 'Back', exact: true }).click();
    await expect.poll(() => shown.getAttribute('alt')).toBe('Back of the ID document');

    await viewer.getByRole('button', { name: 'Compare with portrait and selfie' }).click();
    await detail().getByRole('img', { name: 'Portrait printed on the ID document' }).waitFor();
    await expect.poll(() => shown.getAttribute('alt')).toBe('Front of the ID document');
    expect(await viewer.getByRole('button', { name: 'Front', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await viewer.getByRole('button', { name: 'Back', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'viewing-compare-front');

    // Leaving Compare brings back the side the analyst had chosen.
    await viewer.getByRole('button', { name: 'Compare with portrait and selfie' }).click();
    await expect.poll(() => shown.getAttribute('alt')).toBe('Back of the ID document');
  });
});

describe('proof of address', () => {
  it('previews a PDF inline from the host media URL, sandboxed, with a download link', async () => {
    const withPdf = (await inboxDetails('user')).find((d) =>
      d.media.some((m) => m.locator.startsWith('proof_of_address') && m.contentType === 'application/pdf'),
    );
    expect(withPdf, 'a KYC case whose proof of address is a cached PDF').toBeDefined();
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await open(withPdf!.row);

    const preview = detail().getByTitle('Preview of Proof-of-address document');
    await preview.scrollIntoViewIfNeeded();
    const src = (await preview.getAttribute('src'))!;
    const mediaUrl = new URL(src, host.origin);
    expect(mediaUrl.origin).toBe(host.origin);
    expect(mediaUrl.pathname).toBe('/media');
    const link = detail().getByRole('link', { name: 'Download Proof-of-address document' });
    expect(new URL((await link.getAttribute('href'))!, host.origin).href).toBe(
      new URL(mediaUrl.pathname + mediaUrl.search, host.origin).href,
    );

    // What the frame loads: the cached bytes as a PDF under a sandboxing CSP, frameable only by the app itself.
    const response = await page.request.get(mediaUrl.href);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-security-policy']).toMatch(/(^|; )sandbox($|;)/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(
      Buffer.from(await response.body())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // Chromium draws it with its own PDF viewer inside the frame (no download, nothing refused by the page's CSP).
    const frame = await preview.elementHandle().then((h) => h!.contentFrame());
    await expect
      .poll(() => frame!.childFrames().map((f) => f.url()), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/^chrome-extension:\/\/.+\/index\.html/));
    const box = (await preview.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect(box.height).toBeGreaterThanOrEqual(260);
    await page.waitForTimeout(500);
    await screenshot(page, 'viewing-poa-pdf');
    expect(downloads).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });
});

describe('the ownership graph at 1280 px', () => {
  it('shows whole, legible labels and marks a UBO whose KYC was declined', async () => {
    const declined = (await inboxDetails('business')).find((d) =>
      JSON.stringify(d.payload).includes('"kyc_status":"Declined"'),
    );
    expect(declined, 'a KYB case with a declined UBO').toBeDefined();
    await open(declined!.row);
    const graph = detail().getByRole('group', { name: 'Ownership graph' });
    await graph.scrollIntoViewIfNeeded();
    const declinedNode = graph.getByLabel(/, KYC declined/);
    await declinedNode.first().waitFor();
    expect(await declinedNode.first().textContent()).toContain('KYC declined');
    await page.waitForTimeout(400);
    await screenshot(page, 'viewing-ownership-graph');

    const layout = await graph.evaluate((root) => {
      const rect = (el: Element) => el.getBoundingClientRect();
      const viewport = root.querySelector('.react-flow__viewport')!;
      const scale = new DOMMatrix(getComputedStyle(viewport).transform).a;
      const nodes = [...root.querySelectorAll('.react-flow__node')].map((n) => {
        const texts = [...n.querySelectorAll('strong, span')].filter((e) => e.textContent);
        return {
          box: rect(n),
          clipped: texts.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
          fontPx: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize) * scale)),
        };
      });
      const labels = [...root.querySelectorAll('.react-flow__edge-textwrapper, .react-flow__edge-text')].map(rect);
      return { nodes, labels };
    });
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    expect(layout.nodes.length).toBeGreaterThan(2);
    for (const [i, n] of layout.nodes.entries()) {
      expect(n.clipped, 'a truncated label').toEqual([]);
      expect(n.fontPx, 'text drawn at a legible size').toBeGreaterThanOrEqual(10);
      for (const m of layout.nodes.slice(i + 1)) expect(overlap(n.box, m.box)).toBe(false);
      for (const l of layout.labels) expect(overlap(n.box, l), 'an edge label under a node').toBe(false);
    }
  });
});
