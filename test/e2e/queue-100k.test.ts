/**
 * A 100,000-session queue: seeded into a profile's encrypted cache through the storage layer, then shown by the
 * browser host in Chromium. The analyst sees the full count, the oldest session first, and can scroll by wheel and
 * jump to the middle and to the very end, where the right sessions appear, while the page only ever holds a small
 * window of rows.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { tempDir, type RunningHost } from './helpers/host.js';
import { seedQueue, type SeededQueue } from './helpers/seed-queue.js';

const COUNT = 100_000;
let queue: SeededQueue;
let host: RunningHost;
let browser: Browser;
let page: Page;
let list: Locator;

/** Index of every fully loaded row on screen, read from the accessible names. */
async function visibleIndexes(): Promise<number[]> {
  const names = await list
    .getByRole('option')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  return names
    .map((n) => /^Queue Specimen (\d{6}),/.exec(n)?.[1])
    .filter((m): m is string => m !== undefined)
    .map(Number);
}

async function scrollTo(fraction: number): Promise<void> {
  await list.evaluate((el, f) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
  }, fraction);
}

beforeAll(async () => {
  const profileDir = tempDir('queue');
  queue = await seedQueue(profileDir, COUNT);
  ({ host, browser, page } = await startApp({ host: { profileDir, demo: false } }));
  list = page.getByRole('listbox', { name: 'Sessions' });
});

afterAll(async () => {
  expect(await stopApp({ host, browser })).toBe(0);
});

describe('a 100,000-row queue', () => {
  it('shows the whole count and the oldest session first', async () => {
    await page.getByText('100,000 sessions', { exact: true }).waitFor();
    await list.getByRole('option', { name: new RegExp(`^${queue.nameAt(0)},`) }).waitFor();
    expect((await visibleIndexes())[0]).toBe(0);
  });

  it('scrolls with the wheel, loading the rows it reaches', async () => {
    const box = (await list.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 2_000);
    await expect.poll(async () => Math.min(...(await visibleIndexes())), { timeout: 15_000 }).toBeGreaterThan(100);
    const shown = await visibleIndexes();
    // Consecutive rows, in order, no gaps: the page fetched exactly the window it scrolled to.
    expect(shown).toEqual(shown.map((_, i) => shown[0]! + i));
  });

  it('jumps to the middle and to the end of the queue', async () => {
    await scrollTo(0.5);
    await expect
      .poll(async () => (await visibleIndexes()).some((i) => Math.abs(i - COUNT / 2) < 50), { timeout: 15_000 })
      .toBe(true);
    await scrollTo(1);
    await list.getByRole('option', { name: new RegExp(`^${queue.nameAt(COUNT - 1)},`) }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'queue-100k-end');
    expect(await list.getByRole('option').count()).toBeLessThan(100);
  });

  it('opens a session from deep in the queue', async () => {
    const last = list.getByRole('option', { name: new RegExp(`^${queue.nameAt(COUNT - 1)},`) });
    await last.click();
    await page
      .getByRole('region', { name: 'Session detail' })
      .getByRole('heading', { level: 2, name: queue.nameAt(COUNT - 1) })
      .waitFor();
  });
});
