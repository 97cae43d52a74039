/**
 * A newcomer's first start of the browser host: the embedded demo sandbox, its keys seeded into the engine, the
 * receiver's imports in the inbox. Then the analyst's day in Debian's Chromium, finding every control by role and
 * accessible name: review a KYC with AML hits and approve it, decline another with a comment, mint and copy an
 * outbound token, and read the app in Spanish, all without tripping the page's CSP. Screenshots go to
 * test-results/screenshots/.
 */
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../shared/reviewer-api.js';
import { isInReview } from '../../shared/didit/statuses.js';
import es from '../../renderer/src/i18n/es.json' with { type: 'json' };
import { DEMO_FACTS } from '../../sandbox/synthetic/index.js';
import { startApp, stopApp } from './helpers/app.js';
import { cspViolations, screenshot } from './helpers/browser.js';
import { waitFor, type RunningHost } from './helpers/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;

/** The queue row of a session: an option of listbox "Sessions" whose name starts with the subject's name. */
const option = (row: QueueRow) =>
  page
    .getByRole('listbox', { name: 'Sessions' })
    .getByRole('option', { name: new RegExp(`^${escape(row.subjectName!)}, ${escape(row.vendorData ?? '')}`) });

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Inbox KYC sessions with or without AML hits, straight from the host's API (what the UI should show). */
async function inboxKyc(withHits: boolean): Promise<QueueRow[]> {
  const page = await host.api('listSessions', { view: 'inbox', kind: 'user', hasAmlHits: withHits, limit: 50 });
  return page.rows.filter((r) => r.subjectName && (withHits ? r.amlHits > 0 : true));
}

/** Searches the queue for the session and opens it. */
async function openSession(row: QueueRow): Promise<void> {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill(row.vendorData ?? row.subjectName!);
  await option(row).click();
  await page
    .getByRole('region', { name: 'Session detail' })
    .getByRole('heading', { level: 2, name: row.subjectName! })
    .waitFor();
}

async function decisionFor(sessionId: string) {
  return (await host.api('listDecisions', {})).find((d) => d.sessionId === sessionId);
}

beforeAll(async () => {
  ({ host, browser, page } = await startApp({ page: { clipboard: true } }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('first start on demo data', () => {
  it('opens on the inbox of the demo receiver, with both demo connections and their imports', async () => {
    const status = page.getByRole('region', { name: 'Status' });
    await status.getByText('Harbor Pay (receiver): online').waitFor();
    // One badge per connection (a sync bar may name the issuer too while it fills the outbound picker's cache).
    const connections = status.getByRole('list', { name: 'Connections' });
    await expect(connections.getByText(/Northwind Bank \(issuer\)/).count()).resolves.toBe(1);
    expect(await page.getByRole('link', { name: 'Inbox' }).getAttribute('aria-current')).toBe('page');

    const inbox = await waitFor(async () => {
      const p = await host.api('listSessions', { view: 'inbox', limit: 500 });
      const s = await host.api('getStatus');
      return s.sync.every((x) => !x.running) && p.total > 0 ? p : undefined;
    }, 'the first sync of the demo imports');
    expect(inbox.rows.every((r) => isInReview(r.status))).toBe(true);
    const sessions = page.getByRole('listbox', { name: 'Sessions' });
    await option(inbox.rows[0]!).waitFor();
    const shown = await sessions.getByRole('option').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(inbox.total);
    await page.getByText(new RegExp(`^${inbox.total} sessions?$`)).waitFor();
    await screenshot(page, 'inbox');
  });
});

describe('reviewing', () => {
  it('shows a KYC with AML hits in full, and approves it', async () => {
    const [row] = await inboxKyc(true);
    expect(row, 'the demo has In Review KYC imports with AML hits').toBeDefined();
    await openSession(row!);
    const detail = page.getByRole('region', { name: 'Session detail' });
    const hits = detail.getByRole('list', { name: 'AML hits' });
    await hits.waitFor();
    expect(await hits.locator(':scope > li').count()).toBe(row!.amlHits);
    await detail.getByRole('toolbar', { name: 'Document viewer' }).waitFor();
    await detail.getByRole('meter', { name: /Face match score/ }).waitFor();
    // The document viewer shows the cached front image, served by the host's media route.
    const image = detail.getByRole('img').first();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'kyc-detail-aml');

    await detail.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve session' });
    await dialog.getByRole('button', { name: 'Confirm approval' }).click();
    await dialog.waitFor({ state: 'detached' });
    const decision = await waitFor(async () => {
      const d = await decisionFor(row!.id);
      return d?.state === 'synced' ? d : undefined;
    }, 'the approval to reach the sandbox');
    expect(decision.newStatus).toBe('Approved');
    // The analyst sees it too: in Decided, the row says Synced.
    await page.getByRole('link', { name: 'Decided' }).click();
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill(row!.vendorData!);
    await page
      .getByRole('option', {
        name: new RegExp(`^${escape(row!.subjectName!)}, ${escape(row!.vendorData!)},.*Approved.*Synced`),
      })
      .waitFor();
  });

  it('requires a comment to decline, then declines with it and a reason', async () => {
    const row = (await inboxKyc(false)).find((r) => r.amlHits === 0) ?? (await inboxKyc(false))[0];
    expect(row).toBeDefined();
    await openSession(row!);
    await page
      .getByRole('region', { name: 'Session detail' })
      .getByRole('button', { name: 'Decline', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Decline session' });
    await dialog.getByRole('button', { name: 'Confirm decline' }).click();
    // Without a comment nothing is decided and the dialog stays.
    await dialog.getByRole('textbox', { name: 'Comment' }).waitFor();
    expect(await decisionFor(row!.id)).toBeUndefined();

    const comment = 'Proof of address does not match the declared residence.';
    await dialog.getByRole('textbox', { name: 'Comment' }).fill(comment);
    // A decline also names at least one reason (test/e2e/case-management.test.ts covers them).
    await dialog.getByRole('checkbox', { name: 'Data inconsistent across sources' }).check();
    await screenshot(page, 'decline-dialog');
    await dialog.getByRole('button', { name: 'Confirm decline' }).click();
    await dialog.waitFor({ state: 'detached' });
    const decision = await waitFor(async () => {
      const d = await decisionFor(row!.id);
      return d?.state === 'synced' ? d : undefined;
    }, 'the decline to reach the sandbox');
    expect(decision.newStatus).toBe('Declined');
    expect(decision.comment).toContain(comment);
    await page.getByRole('region', { name: 'Session detail' }).getByText(comment).first().waitFor();
  });
});

describe('KYB', () => {
  it('draws the ownership graph to every UBO, with effective shares summed across paths', async () => {
    const facts = DEMO_FACTS.twoPathUbo;
    const [row] = (await host.api('listSessions', { view: 'inbox', search: facts.receiverVendorData })).rows;
    expect(row?.subjectName).toBe(facts.companyLegalName);
    await openSession(row!);
    const detail = page.getByRole('region', { name: 'Session detail' });

    const owners = detail.getByRole('table', { name: 'Beneficial owners' });
    await owners.waitFor();
    const shown = await owners
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent?.trim() ?? '')),
      );
    const people = shown.filter((cells) => cells[1] === 'Person');
    expect(people.map((cells) => cells[0]).sort()).toEqual(facts.beneficialOwners.map((o) => o.name).sort());
    for (const owner of facts.beneficialOwners) {
      const cells = people.find((c) => c[0] === owner.name)!;
      expect(Number.parseFloat(cells[2]!.replace(/[^\d.]/g, ''))).toBeCloseTo(owner.effectivePercent, 2);
      expect(cells[3]).toBe(owner.effectivePercent >= 25 ? 'Yes' : 'No');
    }

    const graph = detail.getByRole('group', { name: 'Ownership graph' });
    await graph.getByText(facts.uboName, { exact: true }).waitFor();
    for (const owner of facts.beneficialOwners) {
      const node = graph.locator(`[aria-label^="${owner.name}, Person"]`);
      const label = await node.getAttribute('aria-label');
      expect(label).toContain(`effective ownership ${owner.effectivePercent.toFixed(2)} %`);
      expect(label?.includes('at or above the threshold')).toBe(owner.effectivePercent >= 25);
    }
    // The two-path UBO is one node reached by two edges, not two nodes.
    expect(await graph.locator(`[aria-label^="${facts.uboName}, Person"]`).count()).toBe(1);
    await detail.getByRole('group', { name: 'Ownership graph' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'kyb-ownership-graph');

    // Key people as Didit sends them: role objects, with the two-path UBO's look-through share in the registry.
    const registered = detail.getByRole('table', { name: 'UBOs listed by the registry' }).first();
    await registered
      .locator('tbody tr', { hasText: facts.uboName })
      .getByText(/UBO: 39\.88 %/)
      .first()
      .waitFor();
    // Corporate shareholders link to their own registry checks (nested KYB): the chain's companies are listed.
    await detail.getByRole('table', { name: 'Companies in the ownership chain' }).waitFor();
    // Documents in Didit's four groups, each with its summary.
    const documents = detail.getByRole('region', { name: 'Company documents' });
    for (const group of ['Legal presence', 'Company details', 'Ownership structure', 'Representatives authorization'])
      await documents
        .getByRole('group', { name: group })
        .getByText(/ of \d+ approved · /)
        .waitFor();
    await documents.scrollIntoViewIfNeeded();
    await screenshot(page, 'kyb-documents');

    // The threshold is a setting: raised above the two-path UBO's share, that owner is no longer highlighted.
    const raised = Math.ceil(facts.effectivePercent);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Beneficial-owner threshold (%)' }).fill(String(raised));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved').waitFor();
    expect((await host.api('getSettings')).uboThresholdPercent).toBe(raised);
    await openSession(row!);
    const uboRow = detail
      .getByRole('table', { name: 'Beneficial owners' })
      .locator('tbody tr', { hasText: facts.uboName });
    await expect.poll(() => uboRow.locator('td').nth(2).textContent()).toBe('No');
    await host.api('updateSettings', { uboThresholdPercent: 25 });
  });
});

describe('outbound', () => {
  it('mints a token for a partner and copies it to the clipboard', async () => {
    const connections = await host.api('listConnections');
    const receiver = connections.find((c) => c.role === 'receiver')!;
    await page.getByRole('link', { name: 'Outbound' }).click();
    await page.getByRole('combobox', { name: 'Issuing connection' }).selectOption({ label: 'Northwind Bank (issuer)' });
    const sessionPicker = page.getByRole('combobox', { name: 'Session to share' });
    await expect.poll(() => sessionPicker.locator('option').count()).toBeGreaterThan(1);
    // An Approved session for a partner with an agreement on record: nothing to confirm.
    const issuer = connections.find((c) => c.role === 'issuer')!;
    const sessionValue = (await host.api('listShareableSessions', { connectionId: issuer.id })).find(
      (s) => s.status === 'Approved',
    )!.id;
    await sessionPicker.selectOption(sessionValue);
    await page.getByRole('combobox', { name: 'Registered partner' }).selectOption({ label: 'Harbor Pay' });
    await page.getByRole('radio', { name: '1 hour' }).check();
    await page.getByRole('button', { name: 'Mint token' }).click();

    const tokenBox = page.getByRole('textbox', { name: 'Share token' });
    await expect.poll(() => tokenBox.inputValue()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = await tokenBox.inputValue();
    const claims = decodeJwt(token);
    expect(claims.for_application_id).toBe(receiver.applicationId);
    expect(claims.session_id).toBe(sessionValue);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    const sharing = page.getByRole('region', { name: 'Share a session' });
    await sharing
      .getByRole('timer')
      .getByText(/^Expires in \d+:\d\d$/)
      .waitFor();

    await sharing.getByRole('button', { name: 'Copy token' }).click();
    await sharing.getByRole('status').getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const history = page.getByRole('table', { name: 'Minted tokens' });
    await history.getByRole('row').nth(1).waitFor();
    expect(await history.textContent()).not.toContain(token);
    await screenshot(page, 'outbound');
  });
});

describe('languages', () => {
  it('renders in Spanish', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await screenshot(page, 'settings');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await page.getByRole('navigation', { name: es.nav.label }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    for (const key of ['inbox', 'decided', 'outbound', 'settings'] as const) {
      await page.getByRole('link', { name: es.nav[key], exact: true }).waitFor();
    }
    await page.getByRole('link', { name: es.nav.inbox, exact: true }).click();
    await page.getByRole('searchbox', { name: es.queue.search }).fill('');
    const { total } = await host.api('listSessions', { view: 'inbox' });
    await page.getByText(es.queue.count_other.replace('{{formatted}}', String(total)), { exact: true }).waitFor();
    await page.getByRole('listbox', { name: es.queue.sessions }).getByRole('option').first().waitFor();
    // The filter panel is folded by default; its toggle opens it.
    await page.getByRole('button', { name: new RegExp(`^${es.queue.filtersToggle}`) }).click();
    await page.getByRole('button', { name: es.queue.resetFilters }).waitFor();
    await screenshot(page, 'inbox-es');
    expect((await host.api('getSettings')).language).toBe('es');
    await host.api('updateSettings', { language: 'en' });
  });
});

describe('content security policy', () => {
  it('was never violated during the whole day, eval probes included', async () => {
    expect(await cspViolations(page)).toEqual([]);
  });
});
