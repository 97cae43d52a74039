/**
 * Events say which sessions changed, and views refetch only what an event names. One approve used to refetch the
 * visible queue page and the open session about six times each (every outbox count change bumped every view); now
 * the engine names the session in `sessions.changed` / `outbox.changed`, the counts ride on `outbox.changed`, and
 * the renderer gathers one burst of changes before refetching. Counted at the bridge's wire: in the browser host
 * every ReviewerApi call the page makes is a `POST /api/<method>`.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../shared/reviewer-api.js';
import { startApp, stopApp } from './helpers/app.js';
import { waitFor, type RunningHost } from './helpers/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;

interface Call {
  method: string;
  input: Record<string, unknown>;
}

/** Records the page's getSession and listSessions calls until stopped. */
function countRefetches(p: Page): { calls: Call[]; stop(): void } {
  const calls: Call[] = [];
  const onRequest = (request: Request) => {
    const method = /\/api\/(getSession|listSessions)$/.exec(new URL(request.url()).pathname)?.[1];
    if (method) calls.push({ method, input: (request.postDataJSON() ?? {}) as Record<string, unknown> });
  };
  p.on('request', onRequest);
  return { calls, stop: () => p.off('request', onRequest) };
}

/**
 * Lets in-flight refetches land: the renderer hands a burst of changes over at most 0.4 s after its first event, so
 * a refetch that has not started a second after the UI settled is not coming.
 */
const settle = () => page.waitForTimeout(1000);

beforeAll(async () => {
  ({ host, browser, page } = await startApp({ firstSync: true }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('one approve', () => {
  it('refetches the visible queue page once and the open session at most twice, nothing else', async () => {
    const inbox = await host.api('listSessions', { view: 'inbox', kind: 'user', limit: 50 });
    const row: QueueRow | undefined = inbox.rows.find((r) => r.subjectName);
    expect(row, 'the demo has In Review KYC imports').toBeDefined();
    const sessions = page.getByRole('listbox', { name: 'Sessions' });
    const option = sessions.getByRole('option', {
      name: new RegExp(`^${escape(row!.subjectName!)}, ${escape(row!.vendorData ?? '')}`),
    });
    await option.click();
    const detail = page.getByRole('region', { name: 'Session detail' });
    await detail.getByRole('heading', { level: 2, name: row!.subjectName! }).waitFor();
    await settle();

    const counted = countRefetches(page);
    await detail.getByRole('button', { name: 'Approve', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Approve session' })
      .getByRole('button', { name: 'Confirm approval' })
      .click();
    await waitFor(async () => {
      const d = (await host.api('listDecisions', {})).find((x) => x.sessionId === row!.id);
      return d?.state === 'synced';
    }, 'the approval to reach the sandbox');
    // The analyst sees the outcome: the outbox is empty, the row left the inbox, and the detail moved on with the
    // selection to the next case (so a key pressed next acts on the case on screen).
    await page.getByRole('region', { name: 'Status' }).getByText('Outbox: 0 pending').waitFor();
    await option.waitFor({ state: 'detached' });
    await settle();
    counted.stop();

    const gets = counted.calls.filter((c) => c.method === 'getSession');
    const lists = counted.calls.filter((c) => c.method === 'listSessions');
    const refetched = gets.filter((c) => c.input.id === row!.id);
    const opened = gets.filter((c) => c.input.id !== row!.id);
    console.log(
      `one approve: ${refetched.length} refetch of the case, ${opened.length} next case, ${lists.length} lists`,
    );
    // Targeted: only the inbox the analyst looks at, once (the session left it); the synced decision and the outbox
    // counts refetch no list. The approved case at most twice (the queued decision shown, then synced), and the next
    // case opened once, because the detail follows the selection. Before targeted events: six of each.
    expect(lists.every((c) => c.input.view === 'inbox')).toBe(true);
    expect(lists.length).toBe(1);
    expect(refetched.length).toBeLessThanOrEqual(2);
    expect(new Set(opened.map((c) => c.input.id)).size).toBeLessThanOrEqual(1);
    expect(opened.length).toBeLessThanOrEqual(1);
    expect(refetched.length + lists.length).toBeLessThanOrEqual(3);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
