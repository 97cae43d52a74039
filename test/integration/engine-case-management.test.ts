/**
 * Case management against the real sandbox (issue 9, items 1, 3, 4, 7 and 8): the analyst named on decisions, notes
 * and audit entries and at the end of the comment Didit receives; decline reasons in the comment; a resubmission
 * whose steps reach the server; a local note; a queued decision retracted before it is sent (offline, nothing
 * reaches the server) and refused once it is being sent; an Approved → Declined reversal; the Decided view in
 * decision order. A small recording proxy between the engine and the sandbox shows what was sent, can hold a send
 * in flight, and can play offline.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { stripMarker } from '../../shared/decision-text.js';
import { sessionSteps } from '../../shared/session-steps.js';
import { readSession } from '../../shared/didit/session-reader.js';
import type { Engine } from '../../electron/core/index.js';
import type { OsKeychain } from '../../electron/core/keychain/index.js';
import {
  connectionInput,
  createSession,
  engineTestBed,
  errorCode,
  serverSession,
  testKeychain,
  waitFor,
  type Json,
  type SandboxApps,
} from './helpers/engine.js';

interface Recorded {
  method: string;
  path: string;
  body: Json;
}

/** A loopback proxy to the sandbox that records every request, can hold update-status calls, and can go offline. */
class RecordingProxy {
  readonly requests: Recorded[] = [];
  offline = false;
  private hold: Promise<void> | null = null;
  private releaseHold: (() => void) | null = null;
  held = 0;
  private server: Server | null = null;

  constructor(private readonly target: () => string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          if (this.offline) {
            req.socket.destroy();
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          let body: Json = null;
          try {
            body = raw ? JSON.parse(raw) : null;
          } catch {
            body = raw;
          }
          const path = req.url ?? '/';
          this.requests.push({ method: req.method ?? 'GET', path, body });
          if (this.hold !== null && req.method === 'PATCH' && path.includes('/update-status/')) {
            this.held++;
            await this.hold;
          }
          const headers: Record<string, string> = {};
          for (const name of ['x-api-key', 'content-type']) {
            const v = req.headers[name];
            if (typeof v === 'string') headers[name] = v;
          }
          const answer = await fetch(`${this.target()}${path}`, {
            method: req.method,
            headers,
            body: raw.length > 0 ? raw : undefined,
          });
          const text = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        })().catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  holdUpdates(): void {
    this.hold = new Promise((resolve) => (this.releaseHold = resolve));
  }

  release(): void {
    this.releaseHold?.();
    this.hold = null;
    this.releaseHold = null;
  }

  updates(sessionId: string): Recorded[] {
    return this.requests.filter((r) => r.method === 'PATCH' && r.path.includes(`/session/${sessionId}/update-status/`));
  }

  async close(): Promise<void> {
    this.release();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('case management: analyst, reasons, resubmission, notes, retraction, reversal', () => {
  const bed = engineTestBed('case-mgmt');
  let apps: SandboxApps;
  let keychain: OsKeychain;
  let engine: Engine;
  let proxy: RecordingProxy;
  let connectionId: string;

  /** A fresh In Review KYC session of the receiver, synced into the cache. */
  async function inReviewSession(): Promise<string> {
    const created = await createSession(apps.baseUrl, apps.receiver.apiKey, {
      session_kind: 'user',
      status: 'In Review',
    });
    await engine.syncAndWait(connectionId);
    return created.session_id as string;
  }

  beforeAll(async () => {
    apps = bed.apps;
    keychain = await testKeychain();
    proxy = new RecordingProxy(() => apps.baseUrl);
    const proxyUrl = await proxy.start();
    engine = await bed.openEngine({
      secrets: keychain,
      seedConnections: [connectionInput(proxyUrl, apps.receiver, 'receiver')],
    });
    connectionId = (await engine.listConnections({}))[0].id;
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('suggests the OS user as analyst until one is saved, and audits the change with its actor', async () => {
    const first = await engine.getAnalyst({});
    expect(first.analyst).toBeNull();
    expect(first.suggested.name).toBe(userInfo().username);
    await expect(engine.setAnalyst({ name: ' ', email: '' })).rejects.toMatchObject({ code: 'validation' });
    const saved = await engine.setAnalyst({ name: 'Ana Ruiz', email: 'ana@harbor.example' });
    expect(saved).toEqual({ name: 'Ana Ruiz', email: 'ana@harbor.example' });
    expect((await engine.getAnalyst({})).analyst).toEqual(saved);
    const audit = await engine.listAudit({ offset: 0, limit: 500 });
    const changed = audit.entries.filter((e) => e.type === 'analyst.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0].details).toMatchObject({ actor: 'Ana Ruiz', old: null, new: { name: 'Ana Ruiz' } });
  });

  it('sends a reasoned decline whose comment carries the reasons and ends with the attribution', async () => {
    const sessionId = await inReviewSession();
    await expect(
      engine.decide({ sessionId, newStatus: 'Declined', comment: 'Photo page expired.', reasons: ['NO_SUCH_CODE'] }),
    ).rejects.toMatchObject({ code: 'validation', field: 'reasons' });
    const decision = await engine.decide({
      sessionId,
      newStatus: 'Declined',
      comment: 'Photo page expired.',
      reasons: ['DOCUMENT_EXPIRED', 'FACE_MISMATCH'],
    });
    expect(decision.analyst).toEqual({ name: 'Ana Ruiz', email: 'ana@harbor.example' });
    expect(decision.reasons.map((r) => r.code)).toEqual(['DOCUMENT_EXPIRED', 'FACE_MISMATCH']);
    expect((await engine.getSession({ id: sessionId })).row.status).toBe('Declined');
    await engine.syncAndWait();
    expect((await engine.listDecisions({ states: ['synced'] })).map((d) => d.id)).toContain(decision.id);

    const onServer = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(onServer.status).toBe('Declined');
    expect(onServer.reviews).toHaveLength(1);
    const comment: string = onServer.reviews[0].comment;
    expect(comment).toContain(
      'Reasons: Document expired (DOCUMENT_EXPIRED); Face does not match the document (FACE_MISMATCH)',
    );
    expect(comment).toContain('Photo page expired.');
    expect(comment).toContain(decision.marker);
    expect(comment.endsWith('— Ana Ruiz via Countersign')).toBe(true);
    // What people read: the marker gone, the attribution kept.
    const shown = stripMarker(comment);
    expect(shown).not.toMatch(/\[cs:/);
    expect(shown.endsWith('— Ana Ruiz via Countersign')).toBe(true);

    const detail = await engine.getSession({ id: sessionId });
    const made = detail.audit.find((e) => e.type === 'decision.made');
    expect(made?.details).toMatchObject({ actor: 'Ana Ruiz', reasons: ['DOCUMENT_EXPIRED', 'FACE_MISMATCH'] });
    expect(detail.audit.find((e) => e.type === 'decision.synced')?.details).toMatchObject({ actor: 'Ana Ruiz' });
    expect(detail.row.decidedBy).toBe('Ana Ruiz');
    expect(detail.row.decidedAt).toBe(decision.createdAt);
  });

  it('requests resubmission of chosen steps: nodes_to_resubmit reaches the server', async () => {
    const sessionId = await inReviewSession();
    const steps = sessionSteps((await engine.getSession({ id: sessionId })).payload);
    expect(steps.length).toBeGreaterThan(1);
    const chosen = [steps[0].nodeId];
    await expect(
      engine.decide({ sessionId, newStatus: 'Resubmitted', nodesToResubmit: ['not_a_step'] }),
    ).rejects.toMatchObject({ code: 'validation', field: 'nodesToResubmit' });
    await expect(engine.decide({ sessionId, newStatus: 'Resubmitted' })).rejects.toMatchObject({ code: 'validation' });
    const decision = await engine.decide({ sessionId, newStatus: 'Resubmitted', nodesToResubmit: chosen });
    await engine.syncAndWait();
    expect((await engine.listDecisions({ states: ['synced'] })).map((d) => d.id)).toContain(decision.id);

    const sent = proxy.updates(sessionId);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ new_status: 'Resubmitted', nodes_to_resubmit: chosen });
    const onServer = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(onServer.status).toBe('Resubmitted');
    expect(onServer.reviews[0].comment).toContain(`Resubmit: ${chosen[0]}`);
    expect((await engine.getSession({ id: sessionId })).row.status).toBe('Resubmitted');
  });

  it('keeps a note local: named, timed, audited, and nothing sent to the server', async () => {
    const sessionId = await inReviewSession();
    const before = proxy.requests.length;
    const note = await engine.addNote({ sessionId, text: 'Called the customer; waiting for a new document.' });
    expect(note).toMatchObject({ sessionId, analyst: { name: 'Ana Ruiz' } });
    const detail = await engine.getSession({ id: sessionId });
    expect(detail.notes).toEqual([note]);
    expect(detail.row.status).toBe('In Review');
    expect(detail.audit.find((e) => e.type === 'note.added')?.details).toMatchObject({
      actor: 'Ana Ruiz',
      noteId: note.id,
    });
    expect(proxy.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    await engine.syncAndWait();
    const onServer = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(onServer.status).toBe('In Review');
    expect(onServer.reviews ?? []).toHaveLength(0);
    expect(await errorCode(engine.addNote({ sessionId: 'nope', text: 'x' }))).toBe('not_found');
  });

  it('retracts a decision queued offline: nothing reaches the server, the session is back In Review', async () => {
    const sessionId = await inReviewSession();
    proxy.offline = true;
    const decision = await engine.decide({
      sessionId,
      newStatus: 'Approved',
      confirmUnreviewedHits: true,
      comment: 'Looks fine.',
    });
    await engine.syncAndWait().catch(() => undefined);
    expect((await engine.listDecisions({})).find((d) => d.id === decision.id)?.state).toBe('queued');
    expect((await engine.getSession({ id: sessionId })).row).toMatchObject({ status: 'Approved', decision: 'queued' });

    const retracted = await engine.retractDecision({ id: decision.id });
    expect(retracted.state).toBe('retracted');
    expect(retracted.retractedAt).not.toBeNull();
    const after = await engine.getSession({ id: sessionId });
    expect(after.row).toMatchObject({ status: 'In Review', decision: null, decidedAt: null });
    expect(after.audit.find((e) => e.type === 'decision.retracted')?.details).toMatchObject({
      actor: 'Ana Ruiz',
      decisionId: decision.id,
    });
    expect(await errorCode(engine.retractDecision({ id: decision.id }))).toBe('validation');

    proxy.offline = false;
    await engine.syncAndWait();
    expect(proxy.updates(sessionId)).toHaveLength(0);
    const onServer = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(onServer.status).toBe('In Review');
    expect(onServer.reviews ?? []).toHaveLength(0);
    expect((await engine.getStatus({})).outbox.pending).toBe(0);
    // The session can be decided again.
    const again = await engine.decide({ sessionId, newStatus: 'Approved', confirmUnreviewedHits: true });
    await engine.syncAndWait();
    expect((await engine.listDecisions({ states: ['synced'] })).map((d) => d.id)).toContain(again.id);
  });

  it('refuses to retract a decision that is being sent', async () => {
    const sessionId = await inReviewSession();
    proxy.holdUpdates();
    const decision = await engine.decide({ sessionId, newStatus: 'Approved', confirmUnreviewedHits: true });
    const sending = engine.syncAndWait();
    await waitFor(async () => proxy.held > 0, 'the update to be in flight');
    expect((await engine.listDecisions({})).find((d) => d.id === decision.id)?.state).toBe('sending');
    expect(await errorCode(engine.retractDecision({ id: decision.id }))).toBe('decision_sending');
    proxy.release();
    await sending;
    expect((await engine.listDecisions({ states: ['synced'] })).map((d) => d.id)).toContain(decision.id);
    expect((await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId)).status).toBe('Approved');
  });

  it('reverses Approved to Declined with a comment, and the Decided view lists the latest decision first', async () => {
    const sessionId = await inReviewSession();
    await engine.decide({
      sessionId,
      newStatus: 'Approved',
      confirmUnreviewedHits: true,
      comment: 'All checks passed.',
    });
    await engine.syncAndWait();
    await expect(engine.decide({ sessionId, newStatus: 'Declined', comment: '' })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      engine.decide({ sessionId, newStatus: 'Approved', confirmUnreviewedHits: true, comment: 'again' }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    const reversal = await engine.decide({
      sessionId,
      newStatus: 'Declined',
      comment: 'A sanctions match was confirmed after approval.',
      reasons: ['AML_MATCH'],
    });
    expect(reversal.fromStatus).toBe('Approved');
    expect((await engine.getSession({ id: sessionId })).row).toMatchObject({ status: 'Declined', decision: 'queued' });
    await engine.syncAndWait();
    expect((await engine.listDecisions({ states: ['synced'] })).map((d) => d.id)).toContain(reversal.id);

    const onServer = await serverSession(apps.baseUrl, apps.receiver.apiKey, sessionId);
    expect(onServer.status).toBe('Declined');
    expect(onServer.reviews).toHaveLength(2);
    const view = readSession(onServer).payload;
    expect(view.reviews?.at(-1)?.comment).toContain('A sanctions match was confirmed after approval.');
    const detail = await engine.getSession({ id: sessionId });
    expect(detail.audit.find((e) => e.type === 'decision.reversed')?.details).toMatchObject({
      actor: 'Ana Ruiz',
      fromStatus: 'Approved',
      newStatus: 'Declined',
    });

    const decided = await engine.listSessions({ view: 'decided', sort: 'decided' });
    expect(decided.rows[0].id).toBe(sessionId);
    expect(decided.rows[0]).toMatchObject({ decidedBy: 'Ana Ruiz', decidedAt: reversal.createdAt });
    const times = decided.rows.map((r) => r.decidedAt ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });
});
