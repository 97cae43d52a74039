/**
 * Didit's documented KYB decision example (test/fixtures/didit/kyb-decision.json, from
 * docs.didit.me/business-verification/response-schema), served verbatim by a plain HTTP server that answers the
 * way Didit documents it (list pages per kind, the decision), synced through the browser host's real engine on a
 * real keychain and opened in Chromium: the company name, the officers with their roles, the beneficial owners,
 * the corporate shareholder and the documents must all show. Nothing here goes through the sandbox's own shapes.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { waitFor, REPO_ROOT, type RunningHost } from './helpers/host.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'didit');
const decisionText = readFileSync(join(FIXTURES, 'kyb-decision.json'), 'utf8');
const decision = JSON.parse(decisionText) as {
  session_id: string;
  registry_checks: { company: { company_name: string } }[];
};
const listRow = (JSON.parse(readFileSync(join(FIXTURES, 'list-business-page.json'), 'utf8')) as { results: object[] })
  .results[0];
const APP_ID = '9a3b6c2e-0000-4000-8000-00000000c0de';
const API_KEY = 'didit-example-key';
const COMPANY = decision.registry_checks[0].company.company_name;

let didit: Server;
let baseUrl: string;
let host: RunningHost;
let browser: Browser;
let page: Page;
const requests: string[] = [];

/** A stand-in for verification.didit.me serving only the documented example, byte for byte. */
function startDidit(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://didit.test');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (req.headers['x-api-key'] !== API_KEY) return json(403, '{"detail":"Invalid API key"}');
    if (req.method === 'GET' && url.pathname === '/v3/sessions/') {
      // Documented default kind is `user`; this application has only the one business session.
      const kind = url.searchParams.get('session_kind') ?? 'user';
      const results = kind === 'user' ? [] : [{ ...listRow, session_id: decision.session_id }];
      return json(200, JSON.stringify({ count: results.length, next: null, previous: null, results }));
    }
    if (req.method === 'GET' && url.pathname === `/v3/session/${encodeURIComponent(decision.session_id)}/decision/`)
      return json(200, decisionText);
    json(404, '{"detail":"Not found."}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  didit = await startDidit();
  baseUrl = `http://127.0.0.1:${(didit.address() as AddressInfo).port}`;
  ({ host, browser, page } = await startApp({
    host: { demo: false },
    async prepare(h) {
      expect(h.ready.keychain).toBe('os');
      await h.api('addConnection', {
        name: 'Didit example',
        baseUrl,
        applicationId: APP_ID,
        role: 'receiver',
        apiKey: API_KEY,
        workflows: [],
      });
    },
  }));
});

afterAll(async () => {
  const code = await stopApp({ host, browser });
  await new Promise((r) => didit?.close(r));
  expect(code).toBe(0);
});

describe("Didit's documented KYB example", () => {
  it('lands whole through the engine and shows its company, officers, beneficial owners and documents', async () => {
    const row = await waitFor(async () => {
      const { rows } = await host.api('listSessions', { view: 'all', kind: 'business', limit: 50 });
      return rows.find((r) => r.id === decision.session_id);
    }, 'the example to sync');
    expect(row.subjectName).toBe(COMPANY);
    expect(requests.some((r) => r.startsWith(`GET /v3/session/${decision.session_id}/decision/`))).toBe(true);

    await page.getByRole('link', { name: 'Decided' }).click();
    await page.getByRole('searchbox', { name: 'Search sessions' }).fill('Acme');
    await page
      .getByRole('listbox', { name: 'Sessions' })
      .getByRole('option', { name: new RegExp(`^${COMPANY},`) })
      .click();
    const detail = page.getByRole('region', { name: 'Session detail' });
    await detail.getByRole('heading', { level: 2, name: COMPANY }).waitFor();

    // The registry company under Didit's documented field names.
    const registry = detail.getByRole('region', { name: 'Registry' });
    for (const value of ['B00000000', 'ESP', 'SL', 'Active', '2015-03-01', 'Calle Ejemplo 1, 28001 Madrid', 'Acme'])
      await registry.getByText(value, { exact: true }).first().waitFor();
    await registry.getByText('Software development').waitFor();
    await registry.getByText(/3[,.]000(\.00)? EUR/).waitFor();

    // Officers with their roles (role objects, lower-case names, shown with labels and figures).
    const cells = (name: string) =>
      detail
        .getByRole('table', { name })
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent?.trim() ?? '')),
        );
    const officers = await cells('Officers');
    expect(officers).toHaveLength(1);
    expect(officers[0][0]).toBe('Jane Doe');
    expect(officers[0][2]).toBe('Director, Shareholder');
    expect(officers[0][3]).toBe('Shareholder: 30.00 %');
    expect(officers[0][4]).toBe('Shareholder: 30.00 %');

    const registered = await cells('UBOs listed by the registry');
    expect(registered.map((r) => [r[0], r[2], r[3]])).toEqual([['John Example', 'UBO', 'UBO: 70.00 %']]);

    const submitted = await cells('Parties submitted by the company');
    expect(submitted[0][0]).toContain('Parent Holdings Ltd');
    expect(submitted[0][0]).toContain('00000000');
    expect(submitted[0].slice(1, 4)).toEqual(['Company', 'Shareholder', 'Shareholder: 10.00 %']);
    expect(submitted[0][5]).toBe('GBR');

    // The beneficial-owners table derived from the roles: direct shares, the corporate shareholder a leaf.
    const owners = await cells('Beneficial owners');
    expect(owners.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['John Example', 'Person', '70.00 %'],
      ['Jane Doe', 'Person', '30.00 %'],
      ['Parent Holdings Ltd', 'Company', '10.00 %'],
    ]);

    // Documents: the example's one item carries only its status.
    const documents = detail.getByRole('region', { name: 'Company documents' });
    await documents
      .getByText(/Approved/)
      .first()
      .waitFor();
    await detail.getByRole('region', { name: 'Registry' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'didit-kyb-example');
    await detail.getByRole('table', { name: 'Officers' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'didit-kyb-example-people');
  });
});
