/**
 * Links from partner payloads in the browser host: an AML hit's https page opens in a new tab that has no opener
 * (the partner page cannot reach back into Countersign) and receives no referrer, and the app tab stays where it
 * was. The policy itself (https only, no credentials) is unit-tested in test/unit/external-links.test.tsx; in
 * Electron the same click goes through the main process's window-open handler to the system browser.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './helpers/app.js';
import { waitFor, type RunningHost } from './helpers/host.js';

/** Playwright's own 30 s is short on a loaded 2-core machine; the test itself may take 120 s. */
const UI_WAIT_MS = 60_000;

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Rows move while the first sync fills the inbox: a row found meanwhile may be another one when it is clicked.
  ({ host, browser, page } = await startApp({ firstSync: true }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('an AML source link', () => {
  it('opens in a new tab without opener or referrer', async () => {
    const row = await waitFor(async () => {
      const rows = (await host.api('listSessions', { view: 'inbox', kind: 'user', hasAmlHits: true, limit: 50 })).rows;
      return rows.find((r) => r.subjectName && r.amlHits > 0);
    }, 'an inbox KYC with AML hits');
    // No network here: the partner's page is answered by the test, which records what the browser sent.
    const requests: Request[] = [];
    await page.context().route(/^https:\/\//, async (route) => {
      requests.push(route.request());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>partner page</title>' });
    });

    await page.getByRole('searchbox', { name: 'Search sessions' }).fill(row!.vendorData ?? row!.subjectName!);
    await page
      .getByRole('listbox', { name: 'Sessions' })
      .getByRole('option', { name: new RegExp(`^${escapeRe(row!.subjectName!)}, ${escapeRe(row!.vendorData ?? '')}`) })
      .click({ timeout: UI_WAIT_MS });
    const hits = page.getByRole('region', { name: 'Session detail' }).getByRole('list', { name: 'AML hits' });
    await hits.waitFor({ timeout: UI_WAIT_MS });
    const link = hits
      .getByRole('link')
      .filter({ hasText: /^https:\/\// })
      .first();
    const href = await link.getAttribute('href', { timeout: UI_WAIT_MS });
    expect(href).toMatch(/^https:\/\//);
    expect((await link.getAttribute('rel'))?.split(/\s+/)).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));

    const appUrl = page.url();
    const [tab] = await Promise.all([
      page.context().waitForEvent('page', { timeout: UI_WAIT_MS }),
      link.click({ timeout: UI_WAIT_MS }),
    ]);
    await tab.waitForLoadState('domcontentloaded', { timeout: UI_WAIT_MS });
    expect(tab.url()).toBe(href);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(requests.map((r) => r.url())).toContain(href);
    const sent = await requests.find((r) => r.url() === href)!.allHeaders();
    expect(sent.referer).toBeUndefined();
    expect(page.url()).toBe(appUrl);
    await tab.close();
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
