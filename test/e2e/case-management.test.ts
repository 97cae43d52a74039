/**
 * Case management as an analyst does it in Chromium against the browser host on demo data: name yourself on first
 * start, decline a session with reasons and a comment (the comment Didit receives names the reasons and ends with
 * the analyst; the exactly-once marker never shows on the page), and leave a local note on another session.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../shared/reviewer-api.js';
import { launchChromium, openApp, screenshot } from './helpers/browser.js';
import { waitFor, removeDir, startHost, type RunningHost } from './helpers/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const detailRegion = () => page.getByRole('region', { name: 'Session detail' });

async function inboxKyc(): Promise<QueueRow[]> {
  const rows = await waitFor(async () => {
    const p = await host.api('listSessions', { view: 'inbox', kind: 'user', limit: 50 });
    const s = await host.api('getStatus');
    const named = p.rows.filter((r) => r.subjectName && r.vendorData);
    return s.sync.every((x) => !x.running) && named.length >= 2 ? named : undefined;
  }, 'the demo imports');
  return rows;
}

async function openSession(row: QueueRow): Promise<void> {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('searchbox', { name: 'Search sessions' }).fill(row.vendorData!);
  await page
    .getByRole('listbox', { name: 'Sessions' })
    .getByRole('option', { name: new RegExp(`^${escape(row.subjectName!)},`) })
    .click();
  await detailRegion().getByRole('heading', { level: 2, name: row.subjectName! }).waitFor();
}

beforeAll(async () => {
  host = await startHost();
  browser = await launchChromium();
  ({ page } = await openApp(browser, host));
});

afterAll(async () => {
  await browser?.close();
  const code = await host?.stop();
  if (host) removeDir(host.profileDir);
  expect(code).toBe(0);
});

describe('an analyst’s case management', () => {
  it('asks who is reviewing on first start and shows the analyst in the frame', async () => {
    const prompt = page.getByRole('region', { name: 'Who is reviewing?' });
    const name = prompt.getByRole('textbox', { name: 'Display name' });
    await name.waitFor();
    expect((await name.inputValue()).length).toBeGreaterThan(0);
    await name.fill('Ana Ruiz');
    await prompt.getByRole('textbox', { name: 'Email (optional)' }).fill('ana@harbor.example');
    await prompt.getByRole('button', { name: 'Start reviewing' }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Analyst: Ana Ruiz' }).waitFor();
    expect((await host.api('getAnalyst')).analyst).toEqual({ name: 'Ana Ruiz', email: 'ana@harbor.example' });
  });

  it('declines with reasons and a comment; the timeline names the analyst and never shows the marker', async () => {
    const [row] = await inboxKyc();
    await openSession(row);
    await detailRegion().getByRole('button', { name: 'Decline', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Decline session' });
    const comment = 'The photo page expired last year.';
    await dialog.getByRole('textbox', { name: 'Comment' }).fill(comment);
    await dialog.getByRole('button', { name: 'Confirm decline' }).click();
    // No reason chosen: nothing is decided and the dialog says why.
    await dialog.getByRole('alert').filter({ hasText: 'Choose at least one reason.' }).waitFor();
    expect((await host.api('listDecisions', {})).find((d) => d.sessionId === row.id)).toBeUndefined();

    await dialog.getByRole('checkbox', { name: 'Document expired' }).check();
    await dialog.getByRole('checkbox', { name: 'Face does not match the document' }).check();
    await dialog.getByText('Sent as Ana Ruiz').waitFor();
    await screenshot(page, 'decline-with-reasons');
    await dialog.getByRole('button', { name: 'Confirm decline' }).click();
    await dialog.waitFor({ state: 'detached' });

    const decision = await waitFor(async () => {
      const d = (await host.api('listDecisions', {})).find((x) => x.sessionId === row.id);
      return d?.state === 'synced' ? d : undefined;
    }, 'the decline to reach the sandbox');
    expect(decision.reasons.map((r) => r.code)).toEqual(['DOCUMENT_EXPIRED', 'FACE_MISMATCH']);
    expect(decision.analyst.name).toBe('Ana Ruiz');
    // The server holds the comment as sent: reasons, words, marker, attribution.
    const served = await waitFor(async () => {
      const detail = await host.api('getSession', { id: row.id });
      return (detail.payload.reviews ?? []).find((r) => r.comment?.includes(decision.marker));
    }, 'the server review to be cached');
    expect(served.comment).toContain('Document expired (DOCUMENT_EXPIRED)');
    expect(served.comment?.endsWith('— Ana Ruiz via Countersign')).toBe(true);

    const timeline = detailRegion().getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Declined by Ana Ruiz · Synced').waitFor();
    await timeline.getByText(comment).waitFor();
    await detailRegion()
      .getByText(/Declined.*by Ana Ruiz|Decided by/)
      .first()
      .waitFor();
    const pageText = await page.locator('body').innerText();
    expect(pageText).not.toMatch(/\[cs:/);
    expect(pageText).toContain('Reasons: Document expired; Face does not match the document');
  });

  it('adds a local note that the timeline shows with the analyst, and says notes stay local', async () => {
    const rows = await inboxKyc();
    const row = rows.find((r) => r.decision === null)!;
    await openSession(row);
    const notes = detailRegion().getByRole('form', { name: 'Notes' });
    await notes.getByText(/Notes stay in this Countersign profile/).waitFor();
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByRole('alert').filter({ hasText: 'Write the note first.' }).waitFor();
    const text = 'Customer called: a renewed passport is on its way.';
    await notes.getByRole('textbox', { name: 'Note' }).fill(text);
    await notes.getByRole('button', { name: 'Add note' }).click();
    const timeline = detailRegion().getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Note by Ana Ruiz (local)').waitFor();
    await timeline.getByText(text).waitFor();
    await screenshot(page, 'local-note');
    const detail = await host.api('getSession', { id: row.id });
    expect(detail.notes.map((n) => n.text)).toEqual([text]);
    expect(detail.row.status).toBe('In Review');
    expect(detail.decisions).toEqual([]);
  });
});
