/**
 * The CLI as a child process: one ready line on stdout, usable keys, no secrets in the logs, clean stop on
 * SIGTERM, data kept across a restart (also after kill -9), and the --demo world.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isInReview } from '../../shared/didit/statuses.js';
import { call, createSession, spawnSandbox, tempDir, type Json, type SandboxProcess } from './helpers/sandbox.js';

const dirs: string[] = [];
const running: SandboxProcess[] = [];
afterAll(async () => {
  for (const p of running) await p.stop('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function spawnTracked(args: Parameters<typeof spawnSandbox>[0]): Promise<SandboxProcess> {
  const p = await spawnSandbox(args);
  running.push(p);
  return p;
}

describe('sandbox CLI', () => {
  it('prints one ready line with two usable applications, stops on SIGTERM and keeps its data across restarts', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await spawnTracked({ dataDir, extra: ['--log-level', 'info'] });
    const { ready } = first;
    expect(ready.event).toBe('ready');
    expect(ready.base_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.applications).toHaveLength(2);
    for (const app of ready.applications) {
      expect(app.api_key).toEqual(expect.any(String));
      expect(app.workflows.map((w) => w.session_kind).sort()).toEqual(['business', 'user']);
    }
    const [issuer, receiver] = ready.applications;
    const session = await createSession(ready.base_url, issuer.api_key!, {
      session_kind: 'user',
      status: 'Approved',
      vendor_data: 'cli-user',
    });
    expect((await call(ready.base_url, 'GET', '/v3/sessions/', { key: receiver.api_key })).status).toBe(200);

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.stdoutLines).toHaveLength(1);
    const logs = first.stderr();
    expect(logs).toMatch(/request/);
    for (const app of ready.applications) expect(logs).not.toContain(app.api_key);
    expect(logs).not.toContain('cli-user');

    const second = await spawnTracked({ dataDir });
    expect(second.ready.applications.map((a) => a.id)).toEqual(ready.applications.map((a) => a.id));
    for (const app of second.ready.applications) expect(app.api_key).toBeUndefined();
    const read = await call(second.ready.base_url, 'GET', `/v3/session/${session.session_id}/decision/`, {
      key: issuer.api_key,
    });
    expect(read.status).toBe(200);
    expect(read.body.vendor_data).toBe('cli-user');

    // A crash (kill -9) loses nothing that was answered before it.
    const after = await createSession(second.ready.base_url, issuer.api_key!, {
      session_kind: 'business',
      status: 'APPROVED',
    });
    expect(await second.stop('SIGKILL')).toBeNull();
    const third = await spawnTracked({ dataDir });
    const list = await call(third.ready.base_url, 'GET', '/v3/sessions/?session_kind=all', { key: issuer.api_key });
    expect(list.body.results.map((r: Json) => r.session_id).sort()).toEqual(
      [session.session_id, after.session_id].sort(),
    );
    expect(await third.stop('SIGINT')).toBe(0);
  });

  it('starts the demo world: the receiver already holds imported sessions, many In Review', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const demo = await spawnTracked({ dataDir, demo: true });
    const [issuer, receiver] = demo.ready.applications;
    expect(issuer.api_key && receiver.api_key).toBeTruthy();
    const received = await call(demo.ready.base_url, 'GET', '/v3/sessions/?limit=100&session_kind=all', {
      key: receiver.api_key,
    });
    expect(received.body.count).toBeGreaterThan(10);
    const inReview = (received.body.results as Json[]).filter((r) => isInReview(r.status));
    expect(inReview.length).toBeGreaterThan(received.body.count / 2);
    expect(new Set((received.body.results as Json[]).map((r) => r.session_kind))).toEqual(
      new Set(['user', 'business']),
    );
    const one = await call(demo.ready.base_url, 'GET', `/v3/session/${inReview[0].session_id}/decision/`, {
      key: receiver.api_key,
    });
    expect(one.body.shared_from_session).toEqual(expect.any(String));
    const source = await call(demo.ready.base_url, 'GET', `/v3/session/${one.body.shared_from_session}/decision/`, {
      key: issuer.api_key,
    });
    expect(source.status).toBe(200);
    const issued = await call(demo.ready.base_url, 'GET', '/v3/sessions/?limit=1&session_kind=all', {
      key: issuer.api_key,
    });
    expect(issued.body.count).toBeGreaterThanOrEqual(72);
    await demo.stop();
    // --demo on an existing data dir changes nothing and prints no keys.
    const again = await spawnTracked({ dataDir, demo: true });
    expect(again.ready.applications.every((a) => a.api_key === undefined)).toBe(true);
    const receivedAgain = await call(again.ready.base_url, 'GET', '/v3/sessions/?limit=1&session_kind=all', {
      key: receiver.api_key,
    });
    expect(receivedAgain.body.count).toBe(received.body.count);
    await again.stop();
  });

  it('exits with usage on bad arguments', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    await expect(spawnSandbox({ dataDir, extra: ['--bogus'] })).rejects.toThrow(/usage/);
    await expect(spawnSandbox({ dataDir, port: -1 })).rejects.toThrow(/--port/);
  });
});
