/**
 * What the browser suites start and end with: the browser host on a temp profile (the demo by default), Debian's
 * Chromium and one page of the app; then Chromium closed, the host stopped and its profile removed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openApp } from './browser.js';
import { removeDir, startHost, waitFor, type HostOptions, type RunningHost } from './host.js';

export interface AppUnderTest {
  host: RunningHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export interface StartAppOptions {
  host?: HostOptions;
  /** How the page is opened (locale, viewport, clipboard, ...). */
  page?: Parameters<typeof openApp>[2];
  /** Runs once the host is up, before the page opens (e.g. connections added through the API). */
  prepare?(host: RunningHost): Promise<void>;
  /** Wait until the demo's first sync has filled the inbox. */
  firstSync?: boolean;
}

/** Starts host, Chromium and page; a failure on the way stops what was started, so nothing outlives the suite. */
export async function startApp(opts: StartAppOptions = {}): Promise<AppUnderTest> {
  const host = await startHost(opts.host);
  let browser: Browser | undefined;
  try {
    await opts.prepare?.(host);
    browser = await launchChromium();
    const { context, page } = await openApp(browser, host, opts.page);
    if (opts.firstSync) await waitForFirstSync(host);
    return { host, browser, context, page };
  } catch (err) {
    await stopApp({ host, browser });
    throw err;
  }
}

/** Closes Chromium, stops the host and removes its profile; the host's exit code (0: it stopped cleanly). */
export async function stopApp(app: { host?: RunningHost; browser?: Browser }): Promise<number | null | undefined> {
  await app.browser?.close();
  const code = await app.host?.stop();
  if (app.host) removeDir(app.host.profileDir);
  return code;
}

/**
 * The demo's first sync is over for every connection (the issuer's, which starts after the receiver's, included) and
 * its imports are in the inbox.
 */
export async function waitForFirstSync(host: RunningHost): Promise<void> {
  await waitFor(async () => {
    const [status, connections, inbox] = await Promise.all([
      host.api('getStatus'),
      host.api('listConnections'),
      host.api('listSessions', { view: 'inbox', limit: 1 }),
    ]);
    const allSynced = connections.length > 0 && connections.every((c) => c.lastSyncAt !== null);
    return allSynced && status.sync.every((s) => !s.running) && inbox.total > 0 ? true : undefined;
  }, 'the first sync of every demo connection');
}
