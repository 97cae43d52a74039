/**
 * Demo without a keychain: on a machine with no usable Secret Service (here: a session bus address that leads
 * nowhere) the browser host still opens the demo, on a throwaway profile whose keys live only in memory, says so in a
 * banner, refuses a connection of one's own with an explanation, and leaves nothing behind when it stops (and
 * sweeps what a killed one left).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './helpers/app.js';
import { screenshot } from './helpers/browser.js';
import { HostError, waitFor, type RunningHost } from './helpers/host.js';

let host: RunningHost;
let browser: Browser;
let page: Page;
let throwawayProfile: string;

/** A throwaway profile left behind by a killed host: its lock names a process that no longer runs. */
let staleProfile: string;

beforeAll(async () => {
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  staleProfile = mkdtempSync(join(tmpdir(), 'countersign-demo-'));
  writeFileSync(join(staleProfile, 'host.lock'), String(dead));
  writeFileSync(join(staleProfile, 'countersign.db'), 'unreadable without the key that died with its host');
  ({ host, browser, page } = await startApp({
    host: { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/countersign-bus' } },
  }));
});

// A test stops the host itself (and checks its exit code there).
afterAll(() => stopApp({ host, browser }));

describe('demo without a keychain', () => {
  it('opens the demo in memory, with a banner saying so', async () => {
    expect(host.ready.keychain).toBe('memory');
    expect((await host.api('getStatus')).keychain).toBe('memory');
    await page
      .getByRole('note')
      .getByText(/keys are kept in memory only/)
      .waitFor();
    await waitFor(async () => (await host.api('listSessions', { view: 'inbox' })).total > 0, 'the demo inbox');
    await page.getByRole('listbox', { name: 'Sessions' }).getByRole('option').first().waitFor();
    await screenshot(page, 'memory-keychain-banner');
    throwawayProfile = /profile: (\S+), in memory only/.exec(host.stderr())![1]!;
    expect(existsSync(throwawayProfile)).toBe(true);
    // The profile the user asked for is not touched: nothing of the demo is kept there.
    expect(readdirSync(host.profileDir)).toEqual([]);
    // A killed host's leftover throwaway profile was swept on the way.
    expect(existsSync(staleProfile)).toBe(false);
  });

  it('refuses a connection of your own and says how to get a keychain', async () => {
    const attempt = host.api('addConnection', {
      name: 'My bank',
      baseUrl: 'https://verification.didit.me',
      applicationId: '00000000-0000-4000-8000-000000000001',
      role: 'receiver',
      apiKey: 'not-a-real-key',
    });
    await expect(attempt).rejects.toBeInstanceOf(HostError);
    const error = (await attempt.catch((e: HostError) => e)) as HostError;
    expect(error.body?.code).toBe('keychain_unavailable');
    expect(error.body?.message).toMatch(/gnome-keyring|KWallet/);
    expect(error.status).toBe(503);
    expect((await host.api('listConnections')).map((c) => c.name)).not.toContain('My bank');
  });

  it('leaves nothing behind when it stops', async () => {
    expect(await host.stop()).toBe(0);
    expect(existsSync(throwawayProfile)).toBe(false);
  });
});
