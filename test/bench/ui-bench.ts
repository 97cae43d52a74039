/**
 * UI speed through the browser host in Debian's Chromium:
 *   1. host start → interactive inbox: from spawning the built browser host (`out/serve/cli.js`) to the first queue
 *      row on screen, on a fresh demo profile (cold: the demo sandbox is generated and synced) and again on the same
 *      profile (warm); `…HostReadyMs` is its ready line, which on a later start comes before the engine is open
 *      (electron/serve/README.md);
 *   2. opening a cached session with 4 images: from the click on a queue row to its heading and 4 decoded media
 *      images in the detail pane, timed inside the page, over the demo's KYC inbox;
 *   3. frames dropped while scrolling a 100,000-row queue: requestAnimationFrame sampling while the list scrolls at a
 *      steady speed, a dropped frame being every missed 60 Hz vsync between two samples.
 *   4. the renderer's initial JavaScript (`initialJsKb`): the built entry script and its static imports, not the lazy
 *      chunks the case view, outbound, settings and dialogs load when first shown.
 * Targets: cold interactive ≤ 1 s, warm ≤ 0.8 s, open ≤ 150 ms, initial JavaScript ≤ 600 kB.
 * Last line: one JSON object of figures (milliseconds unless named).
 * Needs the OS keychain (the 100,000-row profile is seeded into it), so run it like the tests:
 *   npm run bench:ui   (runs it inside scripts/with-test-keyring.sh)
 * and build the app first (`npx electron-vite build`: the renderer and the browser host).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/helpers/browser.js';
import { removeDir, startHost, tempDir, type RunningHost } from '../e2e/helpers/host.js';
import { seedQueue } from '../e2e/helpers/seed-queue.js';

const QUEUE_ROWS = 100_000;
const OPEN_RUNS = 20;
const SCROLL_SECONDS = 5;
const SCROLL_PX_PER_FRAME = 120;

/**
 * The renderer's JavaScript that loads before anything is shown: the built index.html's entry script and, followed
 * recursively, its static imports. Lazy chunks (`import(...)`) are left out: they load when their view first opens.
 */
function initialJs(rendererDir = resolve('out/renderer')): { kb: number; files: string[] } {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const entry = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('out/renderer/index.html has no module entry script');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export * from "./a.js"`; not `import(`.
    const found = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
    for (const m of code.matchAll(found)) visit(resolve(dirname(file), m[1]!));
  };
  visit(resolve(rendererDir, entry));
  const bytes = [...seen].reduce((n, f) => n + statSync(f).size, 0);
  return { kb: Math.round(bytes / 1024), files: [...seen].map((f) => f.slice(rendererDir.length + 1)) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Every host this run started: stopped at the end whatever happens, so a failed run leaves no server behind. */
const started: RunningHost[] = [];

/** Spawn → ready line → launch link opened → first queue row visible. */
async function timeToInteractive(
  browser: Browser,
  profileDir: string,
  demo = true,
): Promise<{ host: RunningHost; page: Page; readyMs: number; interactiveMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx keeps function names through an `__name` helper that the page does not have; give it a no-op one.
  await page.addInitScript('globalThis.__name = (fn) => fn');
  const t0 = performance.now();
  const host = await startHost({ profileDir, demo });
  started.push(host);
  const readyMs = performance.now() - t0;
  await page.goto(host.ready.url);
  await page.getByRole('listbox', { name: 'Sessions' }).getByRole('option').first().waitFor({ timeout: 60_000 });
  return { host, page, readyMs, interactiveMs: performance.now() - t0 };
}

/** Click → heading of that session and ≥ 4 decoded media images in the detail pane; measured in the page. */
function openTimed(page: Page, index: number): Promise<number> {
  return page.evaluate(
    (i) =>
      new Promise<number>((resolve, reject) => {
        const options = document.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]');
        const option = options[i % options.length]!;
        const name = (option.getAttribute('aria-label') ?? '').split(',')[0]!;
        const start = performance.now();
        option.click();
        const deadline = start + 10_000;
        const check = () => {
          const detail = document.querySelector('section.detail');
          const heading = detail?.querySelector('h2')?.textContent ?? '';
          const images = Array.from(detail?.querySelectorAll<HTMLImageElement>('img[src*="media"]') ?? []);
          const decoded = images.filter((img) => img.complete && img.naturalWidth > 0).length;
          if (heading.includes(name) && decoded >= 4) resolve(performance.now() - start);
          else if (performance.now() > deadline) reject(new Error(`session ${name}: ${decoded} images after 10 s`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    index,
  );
}

/** Scrolls the queue at a steady speed for a few seconds, sampling every animation frame. */
function scrollFrames(page: Page): Promise<{ frames: number; dropped: number; worstFrameMs: number }> {
  return page.evaluate(
    ({ seconds, step }) =>
      new Promise((resolve) => {
        const list = document.querySelector<HTMLElement>('[role="listbox"]')!;
        const stamps: number[] = [];
        const end = performance.now() + seconds * 1000;
        const frame = (t: number) => {
          stamps.push(t);
          list.scrollTop += step;
          if (t < end) requestAnimationFrame(frame);
          else {
            const vsync = 1000 / 60;
            let dropped = 0;
            let worst = 0;
            for (let k = 1; k < stamps.length; k++) {
              const dt = stamps[k]! - stamps[k - 1]!;
              worst = Math.max(worst, dt);
              dropped += Math.max(0, Math.round(dt / vsync) - 1);
            }
            resolve({ frames: stamps.length, dropped, worstFrameMs: worst });
          }
        };
        requestAnimationFrame(frame);
      }),
    { seconds: SCROLL_SECONDS, step: SCROLL_PX_PER_FRAME },
  );
}

async function main(): Promise<void> {
  const initial = initialJs();
  console.log(`initial renderer JavaScript: ${initial.kb} kB in ${initial.files.join(', ')}`);
  const browser = await launchChromium();
  const demoProfile = tempDir('bench-demo');
  const queueProfile = tempDir('bench-queue');
  try {
    // 1. Cold (first start: demo generated, synced) and warm (same profile again).
    const cold = await timeToInteractive(browser, demoProfile);
    console.log(`cold start: ready ${round(cold.readyMs)} ms, interactive ${round(cold.interactiveMs)} ms`);
    // Let the first sync finish so every media item is cached before the open timings. The status bar's sync bars
    // are <progress> elements, whose progressbar role is implicit: found by role, not by a [role] attribute.
    await cold.page.getByRole('progressbar').first().waitFor({ state: 'detached', timeout: 60_000 });
    await cold.page.close();
    await cold.host.stop();
    const warm = await timeToInteractive(browser, demoProfile);
    console.log(`warm start: ready ${round(warm.readyMs)} ms, interactive ${round(warm.interactiveMs)} ms`);

    // 2. Open cached KYC sessions (each has an ID front/back, portrait, selfie and face-match images).
    // The filters sit in a panel behind the "Filters" toggle.
    const kind = warm.page.getByRole('combobox', { name: 'Kind' });
    if (!(await kind.isVisible())) await warm.page.getByRole('button', { name: /^Filters/ }).click();
    await kind.selectOption('user');
    await warm.page.getByRole('listbox', { name: 'Sessions' }).getByRole('option').nth(3).waitFor();
    const opens: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) opens.push(await openTimed(warm.page, i));
    console.log(
      `open session: p50 ${round(percentile(opens, 50))} ms, p95 ${round(percentile(opens, 95))} ms over ${OPEN_RUNS}`,
    );
    await warm.page.close();
    await warm.host.stop();

    // 3. Scroll a 100,000-row queue.
    const seedStart = performance.now();
    await seedQueue(queueProfile, QUEUE_ROWS);
    console.log(`seeded ${QUEUE_ROWS} sessions in ${round((performance.now() - seedStart) / 1000)} s`);
    const big = await timeToInteractive(browser, queueProfile, false);
    await big.page.getByText('100,000 sessions', { exact: true }).waitFor();
    const scroll = await scrollFrames(big.page);
    console.log(`scroll: ${scroll.frames} frames, ${scroll.dropped} dropped, worst ${round(scroll.worstFrameMs)} ms`);
    await big.page.close();
    await big.host.stop();

    console.log(
      JSON.stringify({
        bench: 'ui',
        initialJsKb: initial.kb,
        coldHostReadyMs: round(cold.readyMs),
        coldInteractiveMs: round(cold.interactiveMs),
        warmHostReadyMs: round(warm.readyMs),
        warmInteractiveMs: round(warm.interactiveMs),
        openSessionP50Ms: round(percentile(opens, 50)),
        openSessionP95Ms: round(percentile(opens, 95)),
        openSessionMaxMs: round(Math.max(...opens)),
        queueRows: QUEUE_ROWS,
        scrollFrames: scroll.frames,
        scrollDroppedFrames: scroll.dropped,
        scrollDroppedPct: round((100 * scroll.dropped) / (scroll.frames + scroll.dropped)),
        scrollWorstFrameMs: round(scroll.worstFrameMs),
        bigQueueInteractiveMs: round(big.interactiveMs),
        targets: { coldInteractiveMs: 1000, warmInteractiveMs: 800, openMs: 150, initialJsKb: 600 },
      }),
    );
  } finally {
    await Promise.all(started.map((host) => host.stop()));
    await browser.close();
    removeDir(demoProfile);
    removeDir(queueProfile);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
