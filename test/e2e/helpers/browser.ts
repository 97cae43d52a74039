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
  opts: {
    locale?: string;
    clipboard?: boolean;
    viewport?: { width: number; height: number };
    /** Only for injecting test tooling (axe-core) as an inline script: the page's CSP is then not enforced. */
    bypassCSP?: boolean;
  } = {},
): Promise<OpenApp> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    ...(opts.bypassCSP ? { bypassCSP: true } : {}),
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

/**
 * Runs axe-core (node_modules/axe-core, injected as a script) on the page, WCAG 2 A/AA rules plus best practices
 * (heading-order) and label-content-name-mismatch. Needs a context opened with `bypassCSP`.
 */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown }> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return (
      result.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[]
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    }));
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
