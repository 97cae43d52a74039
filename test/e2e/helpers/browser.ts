/**
 * Debian's Chromium through playwright-core (Playwright's own browser download does not work here), and the
 * screenshots the e2e suites leave under test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, type RunningHost } from './host.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface OpenApp {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser context that opens the host's launch link (token → cookie) and waits for the app frame. */
export async function openApp(
  browser: Browser,
  host: RunningHost,
  opts: { locale?: string; clipboard?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<OpenApp> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
  });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  // Before the app's first script: an eval probe at module load must be caught too.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const page = await context.newPage();
  await page.goto(host.ready.url);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return { context, page };
}

/** What the page's CSP refused since it was loaded. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
