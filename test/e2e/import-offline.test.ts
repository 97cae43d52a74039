/**
 * Against a real sandbox run by the test (so it can be stopped and its side inspected with the applications' own
 * keys) and a browser host without the embedded demo, connected through the ReviewerApi like a user adding their
 * connections: import a token the issuer minted through the sandbox API, then go offline (stop the sandbox), decide,
 * bring the sandbox back on the same port and data, and see the decision synced in the UI and on the sandbox.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { call, createSession, mintToken, sandboxApps, type SandboxApp } from '../integration/helpers/sandbox.js';
import { startApp, stopApp } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { removeDir, tempDir, waitFor, type RunningHost } from './helpers/host.js';

let dataDir: string;
let sandbox: RunningSandbox;
let baseUrl: string;
let issuer: SandboxApp;
let receiver: SandboxApp;
let host: RunningHost;
let browser: Browser;
let page: Page;
let importedId: string;
let importedName: string;
const vendorData = `e2e-import-${Date.now()}`;

const receiverState = (state: 'online' | 'offline') =>
  page.getByRole('region', { name: 'Status' }).getByText(`${receiver.name}: ${state}`);

beforeAll(async () => {
  dataDir = tempDir('e2e-sandbox');
  sandbox = await startSandbox({ dataDir, demo: true });
  baseUrl = sandbox.baseUrl;
  ({ issuer, receiver } = sandboxApps(sandbox));
  const workflows = (a: SandboxApp) => [
    { id: a.kycWorkflowId, session_kind: 'user' as const },
    { id: a.kybWorkflowId, session_kind: 'business' as const },
  ];
  ({ host, browser, page } = await startApp({
    host: { demo: false },
    async prepare(h) {
      expect(h.ready.keychain).toBe('os');
      await h.api('addConnection', {
        name: receiver.name,
        baseUrl,
        applicationId: receiver.id,
        role: 'receiver',
        apiKey: receiver.apiKey,
        workflows: workflows(receiver),
      });
      await h.api('addConnection', {
        name: issuer.name,
        baseUrl,
        applicationId: issuer.id,
        role: 'issuer',
        apiKey: issuer.apiKey,
        workflows: workflows(issuer),
      });
    },
  }));
});

afterAll(async () => {
  const code = await stopApp({ host, browser });
  await sandbox?.close();
  removeDir(dataDir);
  expect(code).toBe(0);
});

describe('import', () => {
  it('imports a token minted by the issuer and opens the new session', async () => {
    const source = await createSession(baseUrl, issuer.apiKey, {
      session_kind: 'user',
      status: 'Approved',
      seed: 4242,
    });
    importedName = source.id_verifications[0].full_name as string;
    const token = await mintToken(baseUrl, issuer.apiKey, source.session_id, receiver.id);

    await page.getByRole('button', { name: 'Import token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a shared session' });
    await dialog.getByRole('textbox', { name: 'Share token' }).fill(token);
    await dialog.getByText(/A KYC session, token valid until/).waitFor();
    await dialog.getByRole('combobox', { name: 'Receiving connection' }).selectOption({ label: receiver.name });
    await dialog.getByRole('combobox', { name: 'Workflow' }).selectOption(receiver.kycWorkflowId);
    await dialog.getByRole('textbox', { name: 'vendor_data (optional)' }).fill(vendorData);
    expect(await dialog.getByRole('checkbox', { name: "Trust the partner's review (trust_review)" }).isChecked()).toBe(
      false,
    );
    await screenshot(page, 'import-dialog');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const detail = page.getByRole('region', { name: 'Session detail' });
    await detail.getByRole('heading', { level: 2, name: importedName }).waitFor();
    await detail.getByText(vendorData).first().waitFor();

    const rows = (await host.api('listSessions', { view: 'all', search: vendorData })).rows;
    expect(rows).toHaveLength(1);
    importedId = rows[0]!.id;
    // The sandbox holds a brand-new session of the receiver, cloned from the issuer's, In Review for us to decide.
    const remote = await call(baseUrl, 'GET', `/v3/session/${importedId}/decision/`, { key: receiver.apiKey });
    expect(remote.status).toBe(200);
    expect(remote.body).toMatchObject({
      shared_from_session: source.session_id,
      vendor_data: vendorData,
      status: 'In Review',
    });

    // The same token cannot be imported twice: the precise error, in the dialog.
    await page.getByRole('button', { name: 'Import token' }).click();
    await dialog.getByRole('textbox', { name: 'Share token' }).fill(token);
    await dialog.getByRole('combobox', { name: 'Receiving connection' }).selectOption({ label: receiver.name });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/already/i);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('offline', () => {
  it('decides while the sandbox is down, and syncs the decision once it is back', async () => {
    expect(importedId, 'the import test ran first').toBeDefined();
    const port = Number(new URL(baseUrl).port);
    await sandbox.close();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await receiverState('offline').waitFor();

    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill(vendorData);
    await page.getByRole('option', { name: new RegExp(`^${importedName},`) }).click();
    const detail = page.getByRole('region', { name: 'Session detail' });
    await detail.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve session' });
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Checked offline against the registry extract.');
    await dialog.getByRole('button', { name: 'Confirm approval' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Outbox: 1 pending').waitFor();
    await page.getByRole('link', { name: 'Decided' }).click();
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill(vendorData);
    const row = page.getByRole('option', { name: new RegExp(`^${importedName},.*Approved`) });
    await row.waitFor();
    expect(await row.getAttribute('aria-label')).toMatch(/Queued|Sending/);
    await screenshot(page, 'offline-queued');

    sandbox = await startSandbox({ dataDir, port, demo: true });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await receiverState('online').waitFor();
    await page
      .getByRole('option', { name: new RegExp(`^${importedName},.*Approved.*Synced`) })
      .waitFor({ timeout: 90_000 });
    await page.getByText('Outbox: 0 pending').waitFor();
    await screenshot(page, 'back-online-synced');

    const remote = await waitFor(async () => {
      const res = await call(baseUrl, 'GET', `/v3/session/${importedId}/decision/`, { key: receiver.apiKey });
      return res.body?.status === 'Approved' ? res.body : undefined;
    }, "the sandbox's status to change");
    const ours = (remote.reviews as { comment?: string }[]).filter((r) => r.comment?.includes('Checked offline'));
    expect(ours).toHaveLength(1);
  });
});
