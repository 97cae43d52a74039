/**
 * Review safety and signals on the demo data at 1280×800, in Debian's Chromium: keyboard decisions act on the
 * case on screen (the detail follows the selection; the decide dialog starts in its comment; Escape leaves the
 * search box), the check summary at the top of a case, a possible-duplicate flag in the queue and on the case,
 * infix accent-folded search, the folded filter panel, the document viewer panned at 200 % with every edge
 * reachable, the empty inbox of a profile with no connection, and an axe-core scan with no serious violation and no heading-order issue. Screenshots go to test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../shared/reviewer-api.js';
import { DEMO_FACTS } from '../../sandbox/synthetic/index.js';
import { startApp, stopApp } from './helpers/app.js';
import { axeScan, openApp, screenshot, type AxeViolation } from './helpers/browser.js';
import { removeDir, startHost, waitFor, type RunningHost } from './helpers/host.js';

const VIEWPORT = { width: 1280, height: 800 };
let host: RunningHost;
let browser: Browser;
let page: Page;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sessions = () => page.getByRole('listbox', { name: 'Sessions' });
const option = (row: QueueRow) =>
  sessions().getByRole('option', { name: new RegExp(`^${escape(row.subjectName!)}, ${escape(row.vendorData!)},`) });
const detail = () => page.getByRole('region', { name: 'Session detail' });
const caseHeading = () => detail().getByRole('heading', { level: 2 });
const search = () => page.getByRole('searchbox', { name: 'Search sessions' });

async function inbox(limit = 100): Promise<QueueRow[]> {
  return (await host.api('listSessions', { view: 'inbox', limit })).rows;
}

async function openByVendorData(row: QueueRow): Promise<void> {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await search().fill(row.vendorData!);
  await option(row).click();
  await caseHeading().filter({ hasText: row.subjectName! }).waitFor();
}

const serious = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order');

beforeAll(async () => {
  ({ host, browser, page } = await startApp({ page: { viewport: VIEWPORT, bypassCSP: true }, firstSync: true }));
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('the queue at 1280×800', () => {
  it('folds the filter panel, shows failed and warned checks on rows, and passes axe', async () => {
    const rows = await inbox();
    await option(rows[0]!).waitFor();
    const toggle = page.getByRole('button', { name: /^Filters/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('combobox', { name: 'Status' }).count()).toBe(0);
    // A row with a failed check says which, in its name as on screen.
    const failed = rows.find((r) => (r.failedChecks ?? 0) > 0)!;
    expect(failed, 'the demo inbox has failed checks').toBeDefined();
    await search().fill(failed.vendorData!);
    await sessions()
      .getByRole('option', { name: new RegExp(`^${escape(failed.subjectName!)},.* failed`) })
      .waitFor();
    await search().fill('');
    await screenshot(page, 'signals-inbox-1280');
    expect(serious(await axeScan(page))).toEqual([]);

    await toggle.click();
    await page.getByRole('combobox', { name: 'Status' }).waitFor();
    expect(serious(await axeScan(page))).toEqual([]);
    await toggle.click();
  });
});

describe('keyboard decisions act on the case on screen', () => {
  it('follows the selection after an approval, and d names the case shown', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await search().fill('');
    const before = await inbox(5);
    const [first, second, third] = before;
    // Nothing open yet: a and d do nothing but say why.
    await option(first!).waitFor();
    await sessions().focus();
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Open a case first' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await option(first!).click();
    await caseHeading().filter({ hasText: first!.subjectName! }).waitFor();
    await page.keyboard.press('a');
    const approve = page.getByRole('dialog', { name: 'Approve session' });
    await approve.getByText(first!.subjectName!).waitFor();
    // The dialog starts in its comment, not on ×.
    const comment = approve.getByRole('textbox', { name: 'Comment' });
    await expect.poll(() => comment.evaluate((el) => el === document.activeElement)).toBe(true);
    await approve.getByRole('button', { name: 'Confirm approval' }).click();
    await approve.waitFor({ state: 'detached' });

    // The approved case leaves the inbox; the next row takes its place and the detail follows it.
    await caseHeading().filter({ hasText: second!.subjectName! }).waitFor();
    await sessions().focus();
    await page.keyboard.press('d');
    const decline = page.getByRole('dialog', { name: 'Decline session' });
    await decline.waitFor();
    expect(await decline.textContent()).toContain(second!.subjectName!);
    await expect
      .poll(() => decline.getByRole('textbox', { name: 'Comment' }).evaluate((el) => el === document.activeElement))
      .toBe(true);
    await screenshot(page, 'signals-keyboard-decline');
    await page.keyboard.press('Escape');
    await decline.waitFor({ state: 'detached' });
    const decision = (await host.api('listDecisions', {})).filter((d) => d.sessionId === second!.id);
    expect(decision).toEqual([]);

    // Escape leaves the search box (keeping the search): j moves the list again, and the detail follows.
    await page.keyboard.press('/');
    await expect.poll(() => search().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => sessions().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('j');
    await caseHeading().filter({ hasText: third!.subjectName! }).waitFor();
  });
});

describe('the check summary', () => {
  it('shows a declined liveness and a VPN flag at the top of the case, linking to their sections', async () => {
    const rows = await inbox();
    const liveness = rows.find((r) => r.checkFlags?.includes('liveness:failed'));
    expect(liveness, 'the demo inbox has a declined liveness').toBeDefined();
    await openByVendorData(liveness!);
    const summary = detail().getByRole('table', { name: 'Check summary' });
    const row = summary.getByRole('row', { name: /Liveness/ });
    expect(await row.textContent()).toMatch(/Failed/);
    expect(await row.textContent()).toMatch(/below 70/);
    await screenshot(page, 'signals-case-summary');
    await row.getByRole('button', { name: 'Liveness: go to the section' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Liveness');
    expect(serious(await axeScan(page))).toEqual([]);

    const ip = rows.find((r) => r.checkFlags?.includes('ip:warned'));
    expect(ip, 'the demo inbox has a risky IP').toBeDefined();
    await openByVendorData(ip!);
    const ipRow = detail()
      .getByRole('table', { name: 'Check summary' })
      .getByRole('row', { name: /IP analysis/ });
    expect(await ipRow.textContent()).toMatch(/VPN or Tor/);
  });
});

describe('possible duplicates', () => {
  it('flags both sessions of a demo pair in the queue and names the other on the case', async () => {
    const pair = DEMO_FACTS.duplicatePairs[0];
    const all = (await host.api('listSessions', { view: 'all', limit: 500 })).rows;
    const later = all.find((r) => r.vendorData === pair.sessionVendorData)!;
    const earlier = all.find((r) => r.vendorData === pair.ofVendorData)!;
    expect(later.possibleDuplicates).toBe(1);
    expect(earlier.possibleDuplicates).toBe(1);
    await page.getByRole('link', { name: 'Inbox' }).click();
    await search().fill(later.vendorData!);
    await sessions()
      .getByRole('option', { name: new RegExp(`^${escape(later.subjectName!)},.*Possible duplicate`) })
      .click();
    const note = detail().getByRole('note', { name: 'Possible duplicate' });
    await note.getByRole('button', { name: earlier.subjectName! }).waitFor();
    await screenshot(page, 'signals-duplicate');
  });
});

describe('search', () => {
  it('folds accents and matches inside words', async () => {
    const pair = DEMO_FACTS.duplicatePairs[1];
    const all = (await host.api('listSessions', { view: 'all', limit: 500 })).rows;
    const subject = all.find((r) => r.vendorData === pair.sessionVendorData)!.subjectName!;
    // "aivi nayt" for "Päivi Näytelä": no accents, neither word at a word's start.
    expect(subject).toMatch(/ä/);
    const folded = subject.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const [given, family] = folded.split(' ');
    await page.getByRole('link', { name: 'Inbox' }).click();
    await search().fill(`${given!.slice(1)} ${family!.slice(0, 4)}`);
    await expect.poll(() => sessions().getByRole('option').count()).toBe(2);
    for (const vendorData of [pair.ofVendorData, pair.sessionVendorData]) {
      await sessions()
        .getByRole('option', { name: new RegExp(`^${escape(subject)}, ${vendorData},`) })
        .waitFor();
    }
    await search().fill('');
  });
});

describe('the document viewer', () => {
  it('pans at 200 % by dragging, and reaches every edge of the image, turned or not', async () => {
    const kyc = (await inbox()).find((r) => r.kind === 'user')!;
    await openByVendorData(kyc);
    const viewer = detail().getByRole('toolbar', { name: 'Document viewer' });
    for (let i = 0; i < 4; i++) await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await viewer.getByText('200 %').waitFor();
    const frame = detail().getByRole('group', { name: /^Document image/ });
    const image = frame.getByRole('img');
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await frame.scrollIntoViewIfNeeded();

    const geometry = () =>
      frame.evaluate((el) => {
        const f = el.getBoundingClientRect();
        const i = el.querySelector('img')!.getBoundingClientRect();
        return {
          frame: {
            left: f.left + el.clientLeft,
            top: f.top + el.clientTop,
            width: el.clientWidth,
            height: el.clientHeight,
          },
          image: { left: i.left, top: i.top, right: i.right, bottom: i.bottom },
          scroll: {
            left: el.scrollLeft,
            top: el.scrollTop,
            maxLeft: el.scrollWidth - el.clientWidth,
            maxTop: el.scrollHeight - el.clientHeight,
          },
        };
      });
    const scrollTo = (left: number, top: number) =>
      frame.evaluate((el, [l, t]) => el.scrollTo({ left: l, top: t, behavior: 'instant' }), [left, top] as const);
    /** At the top-left scroll position the image's top-left corner shows; at the bottom-right, its other corner. */
    const expectEdgesReachable = async () => {
      await scrollTo(0, 0);
      let g = await geometry();
      // At 200 % the image overflows the frame (both ways unturned; turned, at least its height).
      expect(g.scroll.maxLeft + g.scroll.maxTop, JSON.stringify(g)).toBeGreaterThan(0);
      expect(g.image.left).toBeGreaterThanOrEqual(g.frame.left - 1);
      expect(g.image.top).toBeGreaterThanOrEqual(g.frame.top - 1);
      await scrollTo(1e6, 1e6);
      g = await geometry();
      expect(g.image.right).toBeLessThanOrEqual(g.frame.left + g.frame.width + 1);
      expect(g.image.bottom).toBeLessThanOrEqual(g.frame.top + g.frame.height + 1);
    };

    await expectEdgesReachable();
    expect((await geometry()).scroll.maxLeft, 'unturned at 200 %, wider than the frame').toBeGreaterThan(100);
    // Drag to pan: the content follows the pointer.
    await scrollTo(0, 0);
    const box = (await frame.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 40, { steps: 5 });
    await page.mouse.up();
    const after = await geometry();
    expect(after.scroll.left).toBeGreaterThan(100);
    await screenshot(page, 'signals-viewer-200');

    await viewer.getByRole('button', { name: 'Rotate' }).click();
    await expectEdgesReachable();
    await viewer.getByRole('button', { name: 'Reset view' }).click();
  });
});

describe('a profile with no connection', () => {
  it('points the empty inbox to Settings', async () => {
    const empty = await startHost({ demo: false });
    try {
      const { page: p } = await openApp(browser, empty, { viewport: VIEWPORT, bypassCSP: true });
      const note = p.getByRole('note').filter({ hasText: 'No connection receives sessions yet' });
      await note.waitFor();
      await screenshot(p, 'signals-empty-inbox');
      expect(serious(await axeScan(p))).toEqual([]);
      await note.getByRole('link', { name: 'Open Settings' }).click();
      // The click navigates: wait for the Settings view to be the current page.
      const settingsLink = p.getByRole('link', { name: 'Settings', exact: true });
      await waitFor(async () => (await settingsLink.getAttribute('aria-current')) === 'page', 'Settings to open');
    } finally {
      await empty.stop();
      removeDir(empty.profileDir);
    }
  });
});
