/**
 * Partners and provenance in the browser host on demo data: the demo's imports (made by the sandbox's demo loader,
 * outside the app) show their partner in the provenance panel; pasting a partner's token preselects that partner's
 * defaults (trust_review, its workflow for the token's kind); the imported case's provenance names the partner.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { waitFor, type RunningHost } from './helpers/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ host, browser, page } = await startApp({ firstSync: true }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('partners and provenance', () => {
  it("shows a demo import's partner, and preselects a partner's defaults when its token is pasted", async () => {
    const connections = await host.api('listConnections');
    const receiver = connections.find((c) => c.role === 'receiver')!;
    const issuer = connections.find((c) => c.role === 'issuer')!;
    const partners = await host.api('listPartners');
    const northwind = partners.find((p) => p.applicationId === issuer.applicationId)!;
    expect(northwind.name).toBe('Northwind Bank');
    expect(northwind.trustReview).toBe(false);

    // A demo import: its provenance names the partner although the app did not make the import.
    const first = await waitFor(async () => {
      const rows = (await host.api('listSessions', { view: 'inbox', sourceApplicationId: issuer.applicationId })).rows;
      return rows.find((r) => r.subjectName && r.vendorData);
    }, 'the demo imports attributed to Northwind Bank');
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill(first.vendorData!);
    await page.getByRole('listbox', { name: 'Sessions' }).getByRole('option').first().click();
    const provenance = page.getByRole('region', { name: 'Provenance' });
    await provenance.getByText('Northwind Bank', { exact: true }).waitFor();
    expect(await provenance.textContent()).toContain('Outside Countersign');
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill('');

    // The analyst makes Northwind a trusted partner with its KYB workflow as the default for business tokens.
    const kybWorkflow = receiver.workflows.find((w) => w.session_kind === 'business')!;
    await host.api('savePartner', {
      id: northwind.id,
      name: northwind.name,
      applicationId: northwind.applicationId,
      trustReview: true,
      workflows: { user: northwind.workflows.user, business: kybWorkflow.id },
    });
    const shareable = await host.api('listShareableSessions', { connectionId: issuer.id });
    const source = shareable.find((s) => s.kind === 'business' && s.status.toUpperCase() === 'APPROVED')!;
    const minted = await host.api('mintToken', {
      connectionId: issuer.id,
      sessionId: source.id,
      partnerApplicationId: receiver.applicationId,
    });

    await page.reload();
    await page.getByRole('button', { name: 'Import token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a shared session' });
    await dialog.getByRole('textbox', { name: 'Share token' }).fill(minted.shareToken!);
    await dialog.getByText('From Northwind Bank (registered partner).', { exact: false }).waitFor();
    expect(await dialog.getByRole('checkbox', { name: "Trust the partner's review (trust_review)" }).isChecked()).toBe(
      true,
    );
    const workflow = dialog.getByRole('combobox', { name: 'Workflow' });
    expect(await workflow.inputValue()).toBe(kybWorkflow.id);
    // Workflows by label, not by id.
    expect(await workflow.locator('option:checked').textContent()).not.toContain(kybWorkflow.id);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'import-partner-defaults');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const detail = page.getByRole('region', { name: 'Session detail' });
    await detail.getByRole('heading', { level: 2, name: source.subjectName! }).waitFor();
    const imported = detail.getByRole('region', { name: 'Provenance' });
    await imported.getByText('Northwind Bank', { exact: true }).waitFor();
    const text = (await imported.textContent()) ?? '';
    expect(text).toContain(source.id);
    expect(text).toContain("On: the partner's status was kept");
    await screenshot(page, 'provenance');
  });

  it('asks before removing a partner, and Cancel keeps it', async () => {
    await host.api('savePartner', { name: 'Removable Partner', applicationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
    // Saved behind the UI's back: the page loads the registry afresh.
    await page.reload();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const remove = page.getByRole('button', { name: 'Remove partner Removable Partner' });
    await remove.click();
    await page.getByText('Remove Removable Partner from the registry?').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await remove.waitFor();
    expect((await host.api('listPartners')).some((p) => p.name === 'Removable Partner')).toBe(true);

    await remove.click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    // The Remove button is already gone while the question is asked: the row leaving says the removal is done.
    await page.getByText('Remove Removable Partner from the registry?').waitFor({ state: 'detached' });
    await remove.waitFor({ state: 'detached' });
    expect((await host.api('listPartners')).some((p) => p.name === 'Removable Partner')).toBe(false);
  });
});
