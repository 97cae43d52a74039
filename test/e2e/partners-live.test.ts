/**
 * The partner registry stays current in every open window, in Chromium against the browser host on demo data: a
 * partner registered from one page's outbound picker appears in another page's Settings, an edit made there renames
 * it in the first page's picker, one removed by another API client leaves both, and an open import dialog names the
 * token's partner as just renamed elsewhere. No page is reloaded: each follows the engine's `partners.changed`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './helpers/app.js';
import { openApp, screenshot } from './helpers/browser.js';
import type { RunningHost } from './helpers/host.js';

/** Playwright's own 30 s is short on a loaded 2-core machine. */
const UI_WAIT_MS = 60_000;

let host: RunningHost;
let browser: Browser;
/** Settings: the partner registry. */
let settings: Page;
/** Another window of the same host: outbound (the mint partner picker) and the import dialog. */
let other: Page;

const registry = () => settings.getByRole('list', { name: 'Partners' });
const picker = () => other.getByRole('combobox', { name: 'Registered partner' });

/** Renames a partner through the Settings page's edit form. */
async function renameInSettings(from: string, to: string): Promise<void> {
  await registry()
    .getByRole('button', { name: `Edit partner ${from}` })
    .click();
  const form = settings.getByRole('form', { name: `Edit partner ${from}` });
  await form.getByRole('textbox', { name: 'Partner name' }).fill(to);
  await form.getByRole('button', { name: 'Save partner' }).click();
  await form.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  ({ host, browser, page: settings } = await startApp({ firstSync: true }));
  ({ page: other } = await openApp(browser, host));
  for (const page of [settings, other]) page.setDefaultTimeout(UI_WAIT_MS);
  await settings.getByRole('link', { name: 'Settings', exact: true }).click();
  await other.getByRole('link', { name: 'Outbound', exact: true }).click();
  // Gone after a reload: proves at the end that neither page was loaded again.
  for (const page of [settings, other]) await page.evaluate(() => Object.assign(window, { sameDocument: true }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('partners in two open windows', () => {
  it('shows a partner registered in one window in the other, and follows its edit and its removal', async () => {
    const applicationId = crypto.randomUUID();
    await picker().selectOption({ label: 'Register another partner…' });
    await other.getByRole('textbox', { name: 'Partner application id' }).fill(applicationId);
    await other.getByRole('textbox', { name: 'Partner name' }).fill('Acme Lending');
    await other.getByRole('button', { name: 'Register and choose' }).click();
    await expect.poll(() => picker().inputValue(), { timeout: UI_WAIT_MS }).toBe(applicationId);

    // The other window's registry lists it without a reload.
    const item = registry().getByRole('listitem', { name: 'Acme Lending' });
    await item.waitFor();
    expect(await item.textContent()).toContain(applicationId);
    await item.scrollIntoViewIfNeeded();
    await screenshot(settings, 'partners-registry-live');

    await renameInSettings('Acme Lending', 'Acme Lending SA');
    await expect
      .poll(() => picker().locator('option:checked').textContent(), { timeout: UI_WAIT_MS })
      .toBe('Acme Lending SA');

    // Removed by another client of the host: both windows let it go.
    const partner = (await host.api('listPartners')).find((p) => p.applicationId === applicationId)!;
    await host.api('removePartner', { id: partner.id });
    await registry().getByRole('listitem', { name: 'Acme Lending SA' }).waitFor({ state: 'detached' });
    await picker().getByRole('option', { name: 'Acme Lending SA' }).waitFor({ state: 'detached' });
  });

  it('names the partner in an open import dialog as it was just renamed in the other window', async () => {
    const connections = await host.api('listConnections');
    const receiver = connections.find((c) => c.role === 'receiver')!;
    const issuer = connections.find((c) => c.role === 'issuer')!;
    const shareable = await host.api('listShareableSessions', { connectionId: issuer.id });
    const source = shareable.find((s) => s.status.toUpperCase() === 'APPROVED')!;
    const minted = await host.api('mintToken', {
      connectionId: issuer.id,
      sessionId: source.id,
      partnerApplicationId: receiver.applicationId,
    });

    await other.getByRole('button', { name: 'Import token' }).click();
    const dialog = other.getByRole('dialog', { name: 'Import a shared session' });
    await dialog.getByRole('textbox', { name: 'Share token' }).fill(minted.shareToken!);
    await dialog.getByText('From Northwind Bank (registered partner).', { exact: false }).waitFor();

    await renameInSettings('Northwind Bank', 'Northwind Bank AG');
    await dialog.getByText('From Northwind Bank AG (registered partner).', { exact: false }).waitFor();

    for (const page of [settings, other]) {
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    }
  });
});
