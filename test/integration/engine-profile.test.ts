/**
 * The profile's life around sync: progress and state events, a case report from the cache, settings, removing a
 * connection (its keychain entries and cached sessions go), and wiping the profile (files and keys gone).
 */
import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewerEvent } from '../../shared/reviewer-api.js';
import { accounts } from '../../electron/core/keychain/index.js';
import type { Engine } from '../../electron/core/index.js';
import {
  connectionInput,
  createSession,
  engineTestBed,
  errorCode,
  testKeychain,
  type SandboxApps,
} from './helpers/engine.js';

describe('engine profile lifecycle', () => {
  const bed = engineTestBed('life');
  let apps: SandboxApps;
  let engine: Engine;
  let keychain: Awaited<ReturnType<typeof testKeychain>>;

  beforeAll(async () => {
    apps = bed.apps;
    for (let i = 0; i < 5; i++) {
      await createSession(apps.baseUrl, apps.receiver.apiKey, {
        session_kind: i % 2 ? 'business' : 'user',
        status: i % 2 ? 'IN_REVIEW' : 'In Review',
      });
    }
    keychain = await testKeychain();
    engine = await bed.openEngine({ secrets: keychain });
  });

  it('reports sync progress and new arrivals as events', async () => {
    const events: ReviewerEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const { id } = await engine.addConnection(connectionInput(apps.baseUrl, apps.receiver, 'receiver'));
    await engine.syncAndWait(id);
    const progress = events.flatMap((e) => (e.type === 'sync.progress' ? [e.progress] : []));
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ connectionId: id, running: false, sessionsDone: 5, sessionsTotal: 5 });
    expect(last.bytesDone).toBeGreaterThan(10_000);
    expect(last.bytesTotal).toBeGreaterThanOrEqual(last.bytesDone);
    expect(progress.some((p) => p.running)).toBe(true);
    expect(events).toContainEqual({ type: 'imports.arrived', connectionId: id, count: 5, inReview: 5 });
    expect(
      events
        .filter((e) => e.type === 'sessions.changed')
        .flatMap((e) => (e.type === 'sessions.changed' ? e.sessionIds : [])),
    ).toHaveLength(5);
    expect(events).toContainEqual({ type: 'connection.state', connectionId: id, online: true, error: null });
    const page = await engine.listSessions({ view: 'inbox' });
    expect(page.total).toBe(5);
    const status = await engine.getStatus({});
    expect(status.keychain).toBe('os');
    expect(status.sync[0]).toMatchObject({ running: false, sessionsDone: 5 });
  });

  it('exports a case report from the cache', async () => {
    const [row] = (await engine.listSessions({ view: 'all', kind: 'user', limit: 1 })).rows;
    const report = await engine.exportCaseReport({ id: row.id });
    expect(Buffer.from(report.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(report.fileName).toMatch(/\.pdf$/);
    expect((await engine.listAudit({ sessionId: row.id })).entries.map((e) => e.type)).toContain('report.exported');
  });

  it('validates settings and keeps them', async () => {
    expect(await errorCode(engine.updateSettings({ pollIntervalSeconds: 1 }))).toBe('validation');
    expect(
      await errorCode(engine.updateSettings({ webhook: { enabled: true, host: '127.0.0.1', port: 70_000 } })),
    ).toBe('validation');
    expect(await errorCode(engine.updateSettings({ uboThresholdPercent: 101 }))).toBe('validation');
    expect(await errorCode(engine.updateSettings({ faceMatchThreshold: 70.5 }))).toBe('validation');
    const next = await engine.updateSettings({ retentionDays: 30, language: 'es', uboThresholdPercent: 10 });
    expect(next).toMatchObject({ retentionDays: 30, language: 'es', uboThresholdPercent: 10, faceMatchThreshold: 70 });
    expect(await engine.getSettings({})).toEqual(next);
    expect((await engine.purgeExpired({})).purgedSessions).toBe(0);
  });

  it('removes a connection with its keys and cached sessions', async () => {
    const issuer = await engine.addConnection(
      connectionInput(apps.baseUrl, apps.issuer, 'issuer', { webhookSecret: 'whsec-test' }),
    );
    expect(await keychain.get(accounts.webhookSecret(issuer.id))).toBe('whsec-test');
    const receiver = (await engine.listConnections({})).find((c) => c.role === 'receiver')!;
    await engine.removeConnection({ id: receiver.id });
    expect(await keychain.get(accounts.apiKey(receiver.id))).toBeNull();
    expect((await engine.listSessions({ view: 'all' })).total).toBe(0);
    expect((await engine.listConnections({})).map((c) => c.id)).toEqual([issuer.id]);
    expect((await engine.listAudit({ limit: 500 })).entries.map((e) => e.type)).toContain('connection.removed');
  });

  it('wipes the profile: files and keychain entries gone, the engine closed', async () => {
    const issuer = (await engine.listConnections({}))[0];
    await engine.wipeProfile({ confirm: true });
    expect(!existsSync(bed.profileDir) || readdirSync(bed.profileDir).length === 0).toBe(true);
    expect(await keychain.get(accounts.apiKey(issuer.id))).toBeNull();
    expect(await keychain.get(accounts.webhookSecret(issuer.id))).toBeNull();
    expect(await errorCode(engine.getStatus({}))).toBe('internal');
    // A fresh engine on the same folder starts empty.
    engine = await bed.openEngine({ secrets: keychain });
    expect(await engine.listConnections({})).toEqual([]);
  });
});
