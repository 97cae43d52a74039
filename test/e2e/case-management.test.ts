/**
 * Case management as an analyst does it in Chromium against the browser host on demo data: name yourself on first
 * start, decline a session with reasons and a comment (the comment Didit receives names the reasons and ends with
 * the analyst; the exactly-once marker never shows on the page), leave a local note on another session, dismiss an
 * AML hit as a false positive (a rationale is required; the hit recedes in the case and the sandbox holds the new
 * review_status), and run a four-eyes round on one workstation: Ana proposes an approval under the "All sessions"
 * policy, cannot confirm it herself, the analyst is switched in Settings, and Ben's confirmation approves the session
 * on the sandbox exactly once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../shared/reviewer-api.js';
import { startApp, stopApp } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { waitFor, type RunningHost } from './helpers/host.js';

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
    .getByRole('option', { name: new RegExp(`^${escape(row.subjectName!)}, ${escape(row.vendorData!)},`) })
    .click();
  await detailRegion().getByRole('heading', { level: 2, name: row.subjectName! }).waitFor();
}

beforeAll(async () => {
  ({ host, browser, page } = await startApp());
  // A loaded 2-core machine: give every locator wait room, bounded all the same.
  page.setDefaultTimeout(60_000);
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
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

  it('dismisses an AML hit as a false positive with a required rationale, and the sandbox holds it', async () => {
    const rows = (await inboxKyc()).filter((r) => r.amlHits > 0 && r.decision === null);
    expect(rows.length, 'the demo has In Review KYC imports with AML hits').toBeGreaterThan(0);
    // A hit not dismissed yet, whose caption names one card only (namesakes share a caption).
    const target = await waitFor(async () => {
      for (const r of rows) {
        const hits = ((await host.api('getSession', { id: r.id })).payload.aml_screenings ?? []).flatMap(
          (s) => s.hits ?? [],
        );
        const h = hits.find(
          (x) =>
            x.id &&
            x.caption &&
            x.review_status !== 'False Positive' &&
            hits.filter((y) => y.caption === x.caption).length === 1,
        );
        if (h) return { row: r, hit: h };
      }
      return undefined;
    }, 'a session with a hit to dismiss');
    const { row, hit } = target;
    await openSession(row);

    const card = detailRegion()
      .getByRole('list', { name: 'AML hits' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 4, name: hit.caption!, exact: true }) })
      .first();
    const form = card.getByRole('form', { name: 'AML hit disposition' });
    await form.getByRole('combobox', { name: /Disposition/ }).selectOption('False Positive');
    const rationale = form.getByRole('textbox', { name: 'Rationale (required)' });
    const save = form.getByRole('button', { name: 'Save disposition' });
    // No rationale: the form cannot be submitted (the field is required, the button stays disabled).
    await rationale.waitFor();
    expect(await rationale.evaluate((el) => (el as HTMLTextAreaElement).required)).toBe(true);
    expect(await save.isDisabled()).toBe(true);
    await rationale.fill('   ');
    expect(await save.isDisabled()).toBe(true);
    expect((await host.api('getSession', { id: row.id })).dispositions).toEqual([]);

    const why = 'Different date of birth and nationality than the listed person.';
    await rationale.fill(why);
    await save.click();

    const disposition = await waitFor(
      async () => {
        const d = (await host.api('getSession', { id: row.id })).dispositions.find((x) => x.hitId === hit.id);
        return d?.state === 'synced' ? d : undefined;
      },
      'the disposition to reach the sandbox',
      90_000,
    );
    expect(disposition).toMatchObject({ reviewStatus: 'False Positive', rationale: why, analyst: 'Ana Ruiz' });
    // Once synced the engine lays nothing over the payload: it is the sandbox's copy, read back after the PATCH.
    const served = await waitFor(async () => {
      const detail = await host.api('getSession', { id: row.id });
      const h = (detail.payload.aml_screenings ?? []).flatMap((s) => s.hits ?? []).find((x) => x.id === hit.id);
      return h?.review_status === 'False Positive' ? detail : undefined;
    }, 'the sandbox to hold review_status False Positive');
    expect(served.row.status).toBe('In Review');

    // The case shows it dismissed: its disposition badge, who and why, and a struck-through, dimmed card.
    await card.getByText('False positive', { exact: true }).first().waitFor();
    await card.getByText(/False positive — Ana Ruiz, /).waitFor();
    await card.getByText(why).waitFor();
    await card.getByText('Sent', { exact: true }).waitFor();
    const heading = card.getByRole('heading', { level: 4, name: hit.caption!, exact: true });
    await expect
      .poll(() => heading.evaluate((el) => getComputedStyle(el).textDecorationLine))
      .toContain('line-through');
    expect(Number(await card.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(1);
    await screenshot(page, 'aml-false-positive');
  });

  it('runs a four-eyes round: a proposal changes nothing, the proposer cannot confirm, a second analyst does', async () => {
    // Settings → Connections: every session of the receiving connection needs a second pair of eyes.
    const [receiver] = (await host.api('listConnections')).filter((c) => c.role === 'receiver');
    expect(receiver).toBeDefined();
    await page.getByRole('link', { name: 'Settings' }).click();
    const connections = page.getByRole('region', { name: 'Connections', exact: true });
    await connections.waitFor();
    const policy = connections
      .getByRole('listitem')
      .filter({ hasText: receiver!.name })
      .getByRole('combobox', { name: 'Four-eyes (maker/checker)' });
    await policy.selectOption({ label: 'All sessions' });
    await waitFor(
      async () => ((await host.api('getSettings')).fourEyes?.[receiver!.id] === 'all' ? true : undefined),
      'the four-eyes policy to be saved',
    );

    const rows = (await inboxKyc()).filter(
      (r) => r.connectionId === receiver!.id && r.amlHits === 0 && r.decision === null,
    );
    const row = (await Promise.all(rows.map(async (r) => ({ r, d: await host.api('getSession', { id: r.id }) })))).find(
      ({ d }) => d.notes.length === 0 && d.dispositions.length === 0,
    )?.r;
    expect(row, 'an untouched In Review KYC session without AML hits').toBeDefined();
    await openSession(row!);

    // Ana proposes: the button says so, the dialog explains it.
    await detailRegion().getByRole('button', { name: 'Approve', exact: true }).waitFor({ state: 'detached' });
    await detailRegion().getByRole('button', { name: 'Propose approval' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve session' });
    await dialog.getByText(/this becomes a proposal/).waitFor();
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Documents and selfie are consistent.');
    await dialog.getByRole('button', { name: 'Confirm approval' }).click();
    await dialog.waitFor({ state: 'detached' });

    const panel = detailRegion().getByRole('region', { name: 'Four-eyes' });
    const proposal = panel.getByRole('listitem').filter({ hasText: 'Ana Ruiz proposes: Approved' });
    await proposal.getByText('Waiting for a second analyst').waitFor();
    // The proposer has no Confirm button, and the engine refuses her confirmation too.
    await proposal.getByText('Your proposal: a second, different analyst must confirm it.').waitFor();
    expect(await proposal.getByRole('button', { name: /^Confirm/ }).count()).toBe(0);
    expect(await detailRegion().getByRole('button', { name: 'Propose approval' }).isDisabled()).toBe(true);

    // Published on the reviews feed with the status it already has: nothing changed on the server.
    const published = await waitFor(
      async () => {
        const p = (await host.api('getSession', { id: row!.id })).fourEyes.proposals[0];
        return p?.publication === 'published' ? p : undefined;
      },
      'the proposal to be published',
      90_000,
    );
    expect(published).toMatchObject({ state: 'open', newStatus: 'Approved', proposer: { name: 'Ana Ruiz' } });
    await expect(host.api('confirmProposal', { id: published.id })).rejects.toMatchObject({
      body: { message: expect.stringMatching(/second, different analyst/) },
    });
    const unchanged = await host.api('getSession', { id: row!.id });
    expect(unchanged.row.status).toBe('In Review');
    expect(unchanged.payload.status).toBe('In Review');
    expect((unchanged.payload.reviews ?? []).filter((r) => r.new_status === 'Approved')).toEqual([]);
    expect(unchanged.decisions).toEqual([]);
    await screenshot(page, 'four-eyes-proposed');

    // On this workstation the second person is the profile's analyst, switched in Settings.
    await page.getByRole('link', { name: 'Settings' }).click();
    const analyst = page.getByRole('region', { name: 'Analyst', exact: true });
    await analyst.getByRole('textbox', { name: 'Display name' }).fill('Ben Okafor');
    await analyst.getByRole('textbox', { name: 'Email (optional)' }).fill('ben@harbor.example');
    await analyst.getByRole('button', { name: 'Save analyst' }).click();
    await page.getByRole('link', { name: 'Analyst: Ben Okafor' }).waitFor();

    await openSession(row!);
    const confirm = proposal.getByRole('button', { name: 'Confirm: Approved' });
    await confirm.click();
    await proposal.getByText('Confirmed').first().waitFor();
    await proposal.getByText('By Ben Okafor').waitFor();

    const decision = await waitFor(
      async () => {
        const d = (await host.api('listDecisions', {})).filter((x) => x.sessionId === row!.id);
        return d.length === 1 && d[0]!.state === 'synced' ? d[0] : undefined;
      },
      'the confirmed approval to reach the sandbox',
      90_000,
    );
    expect(decision).toMatchObject({ newStatus: 'Approved', analyst: { name: 'Ben Okafor' } });
    expect(decision!.comment).toContain('Four-eyes: proposed by Ana Ruiz, confirmed by Ben Okafor.');
    const approved = await waitFor(async () => {
      const d = await host.api('getSession', { id: row!.id });
      return d.payload.status === 'Approved' ? d : undefined;
    }, 'the server copy to say Approved');
    // Exactly once: one Approved review on the server, one decision here.
    expect((approved.payload.reviews ?? []).filter((r) => r.new_status === 'Approved')).toHaveLength(1);
    expect(approved.decisions).toHaveLength(1);
    expect(approved.fourEyes.proposals.map((p) => p.state)).toEqual(['confirmed']);
    await screenshot(page, 'four-eyes-confirmed');
  }, 240_000);
});
