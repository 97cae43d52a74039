/**
 * The reviewer engine: implements the ReviewerApi over the encrypted cache, the keychain and the Didit client.
 * Every method parses its input with `reviewerInputs[method]` and fails only with a ReviewerError. Hosts (Electron
 * IPC, the browser host) call nothing but these methods, `onEvent`, `getMedia` and `close`. This file holds the
 * lifecycle and the method table; the method bodies live in the area modules next to it, all of one shape (`Handler`).
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  reviewerInputs,
  type ConnectionInput,
  type ReviewerApi,
  type ReviewerInput,
  type ReviewerMethod,
  type ReviewerOutputs,
} from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { CacheStore } from '../cache/cache-api.js';
import { openProfileCache } from '../cache/index.js';
import { toReviewerError } from '../errors.js';
import { createDispatcher, proxyFromEnv } from '../http-dispatcher.js';
import { EventHub, type EventListener } from '../events.js';
import { OutboxSender } from '../outbox/sender.js';
import { DispositionSender, evidenceHeld } from '../outbox/disposition-sender.js';
import { ProposalPublisher } from '../outbox/proposal-publisher.js';
import { TaskLoop } from '../sync/task-loop.js';
import { WebhookReceiver } from '../sync/webhook-receiver.js';
import { exportAudit, listAudit, listAuditActors, verifyAudit } from './audit.js';
import { withAuditActor } from './actor.js';
import { acknowledgeDisposition, disposeAmlHit } from './dispositions.js';
import { exportCaseReport, exportDossier, getSession } from './case.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import {
  addConnection,
  addRuntime,
  startPollers,
  listConnections,
  removeConnection,
  seedConnection,
  syncAndWait,
  syncNow,
  testConnection,
  updateConnection,
} from './connections.js';
import { acknowledgeConflict, decide, listDecisions, retractDecision } from './decisions.js';
import { confirmProposal, proposeDecision, withdrawProposal } from './four-eyes.js';
import { addNote } from './notes.js';
import { getAnalyst, setAnalyst } from './analyst.js';
import { redeemToken } from './imports.js';
import { getStatus, purgeAtStart, purgeExpired, wipeProfile } from './maintenance.js';
import { listMintedTokens, listShareableSessions, mintToken } from './outbound.js';
import { listPartners, removePartner, savePartner, watchImportAttribution } from './partners.js';
import { listSessions } from './queue.js';
import { getSettings, updateSettings } from './settings.js';
import { runtimeOf, sendPending, type EngineOptions, type EngineState, type Handler, type Parsed } from './state.js';
import { fetchNotifiedSession, listenAtStart, webhookSecrets } from './webhook.js';

export type { EngineOptions } from './state.js';

/** Every ReviewerApi method's body, by name: the compiler checks there is one for each method, all of one shape. */
const HANDLERS: { [M in ReviewerMethod]: Handler<M> } = {
  getStatus,
  listConnections,
  addConnection,
  updateConnection,
  testConnection,
  removeConnection,
  listSessions,
  getSession,
  decide,
  listDecisions,
  acknowledgeConflict,
  retractDecision,
  proposeDecision,
  confirmProposal,
  withdrawProposal,
  addNote,
  getAnalyst,
  setAnalyst,
  redeemToken,
  listShareableSessions,
  mintToken,
  listMintedTokens,
  listPartners,
  savePartner,
  removePartner,
  syncNow,
  getSettings,
  updateSettings,
  listAudit,
  verifyAudit,
  purgeExpired,
  exportCaseReport,
  exportDossier,
  disposeAmlHit,
  acknowledgeDisposition,
  exportAudit,
  listAuditActors,
  wipeProfile,
};

/**
 * One outbox pass: dispositions, then four-eyes proposals (their evidence includes the dispositions made before),
 * then decisions; a failure of any is thrown after all ran (the loop backs off).
 */
async function flushOutboxes(
  dispositions: DispositionSender,
  proposals: ProposalPublisher,
  sender: OutboxSender,
): Promise<void> {
  let failure: unknown = null;
  await dispositions.flush().catch((err: unknown) => (failure = err));
  await proposals.flush().catch((err: unknown) => (failure ??= err));
  await sender.flush().catch((err: unknown) => (failure ??= err));
  if (failure !== null) throw failure;
}

const SENDER_BACKOFF_BASE_MS = 2_000;
const SENDER_BACKOFF_MAX_MS = 60_000;
const HTTP_TIMEOUTS = { headersTimeout: 30_000, bodyTimeout: 60_000, connect: { timeout: 10_000 } };

export async function openEngine(opts: EngineOptions): Promise<Engine> {
  const cache = await openProfileCache({ profileDir: opts.profileDir, secrets: opts.secrets });
  return startEngine(cache, opts);
}

/** An engine over a cache opened elsewhere (the sync benchmark compares an encrypted and a plain file this way). */
export async function startEngine(cache: CacheStore, opts: EngineOptions): Promise<Engine> {
  const engine = new Engine(opts, cache);
  try {
    await engine.start(opts.seedConnections ?? []);
  } catch (err) {
    await engine.close();
    throw toReviewerError(err);
  }
  return engine;
}

export class Engine implements ReviewerApi {
  private readonly abort = new AbortController();
  private readonly agent: Dispatcher;
  private readonly events = new EventHub();
  private readonly s: EngineState;
  private readonly background = new Set<Promise<unknown>>();
  private closing: Promise<void> | null = null;

  constructor(opts: EngineOptions, cache: CacheStore) {
    // Through the proxy the environment (or the host) names, if any; loopback direct (see http-dispatcher.ts).
    this.agent = createDispatcher(
      { connections: 32, keepAliveTimeout: 10_000, ...HTTP_TIMEOUTS },
      opts.proxy ?? proxyFromEnv(),
    );
    const ctx = {
      cache: withAuditActor(cache),
      events: this.events,
      dispatcher: this.agent,
      signal: this.abort.signal,
    };
    const runtimes = new Map<string, ConnectionRuntime>();
    const dispositions = new DispositionSender({
      ctx,
      clientFor: (id) => runtimeOf(this.s, id).api(),
      reportReachability: (id, err) => runtimes.get(id)?.report(err),
      announce: (sessionIds) => sender.emitCounts(sessionIds),
    });
    const proposals = new ProposalPublisher({
      ctx,
      clientFor: (id) => runtimeOf(this.s, id).api(),
      reportReachability: (id, err) => runtimes.get(id)?.report(err),
      announce: (sessionIds) => sender.emitCounts(sessionIds),
    });
    const sender = new OutboxSender({
      ctx,
      clientFor: (id) => runtimeOf(this.s, id).api(),
      reportReachability: (id, err) => runtimes.get(id)?.report(err),
      extraCounts: () => dispositions.counts(),
      heldBeforeSend: (d, connectionId, server) => evidenceHeld(ctx, d, connectionId, server),
    });
    const senderLoop = new TaskLoop({
      // Dispositions first: a decision's evidence includes the dispositions the analyst made before it.
      run: () => flushOutboxes(dispositions, proposals, sender),
      intervalMs: () => null,
      backoffBaseMs: SENDER_BACKOFF_BASE_MS,
      backoffMaxMs: SENDER_BACKOFF_MAX_MS,
    });
    const webhook = new WebhookReceiver({
      secrets: () => webhookSecrets(this.s),
      rememberEvent: (eventId) => cache.rememberWebhookEvent(eventId),
      onEvent: (connectionId, payload) => this.track(fetchNotifiedSession(this.s, connectionId, payload.session_id)),
    });
    this.s = {
      ctx,
      opts,
      autoSync: opts.autoSync ?? true,
      runtimes,
      sender,
      dispositions,
      proposals,
      senderLoop,
      webhook,
      close: () => this.close(),
    };
  }

  /** Closing aborts the shared signal, so "closed" and "aborted" are one fact, read by the area modules too. */
  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  /** Seeds connections, starts pollers, the sender and (when enabled) the webhook receiver. */
  async start(seeds: ConnectionInput[]): Promise<void> {
    for (const seed of seeds) await seedConnection(this.s, seed);
    for (const record of this.s.ctx.cache.listConnections()) addRuntime(this.s, record, { start: false });
    startPollers(this.s);
    const settings = this.s.ctx.cache.getSettings();
    await listenAtStart(this.s, settings.webhook);
    purgeAtStart(this.s, settings.retentionDays);
    watchImportAttribution(this.s);
    // Decisions left queued or in flight by the last run (even a crash) are read back and sent.
    sendPending(this.s);
  }

  onEvent(listener: EventListener): () => void {
    return this.events.on(listener);
  }

  getMedia(sessionId: string, locator: string): { contentType: string; bytes: Buffer } | null {
    if (this.closed || typeof sessionId !== 'string' || typeof locator !== 'string') return null;
    try {
      return this.s.ctx.cache.getMedia(sessionId, locator);
    } catch {
      return null;
    }
  }

  /** Runs a sync of one or every connection plus an outbox pass and resolves when both are over (tests, bench). */
  syncAndWait(connectionId?: string): Promise<void> {
    return syncAndWait(this.s, connectionId);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.abort.abort();
    // Fails every request in flight or queued at once, so the loops below end without waiting for the network.
    const requestsCut = this.agent.destroy().catch(() => undefined);
    await Promise.allSettled([
      ...[...this.s.runtimes.values()].map((rt) => rt.poller.stop()),
      this.s.senderLoop.stop(),
      this.s.webhook.close(),
      ...this.background,
    ]);
    await requestsCut;
    this.events.clear();
    try {
      this.s.ctx.cache.close();
    } catch (err) {
      console.warn(`countersign: closing the cache failed: ${toReviewerError(err).message}`);
    }
  }

  // ---- ReviewerApi -------------------------------------------------------------------------------------------

  getStatus(input: ReviewerInput<'getStatus'> = {}) {
    return this.run('getStatus', input);
  }

  listConnections(input: ReviewerInput<'listConnections'> = {}) {
    return this.run('listConnections', input);
  }

  addConnection(input: ReviewerInput<'addConnection'>) {
    return this.run('addConnection', input);
  }

  updateConnection(input: ReviewerInput<'updateConnection'>) {
    return this.run('updateConnection', input);
  }

  testConnection(input: ReviewerInput<'testConnection'>) {
    return this.run('testConnection', input);
  }

  removeConnection(input: ReviewerInput<'removeConnection'>) {
    return this.run('removeConnection', input);
  }

  listSessions(input: ReviewerInput<'listSessions'>) {
    return this.run('listSessions', input);
  }

  getSession(input: ReviewerInput<'getSession'>) {
    return this.run('getSession', input);
  }

  decide(input: ReviewerInput<'decide'>) {
    return this.run('decide', input);
  }

  listDecisions(input: ReviewerInput<'listDecisions'>) {
    return this.run('listDecisions', input);
  }

  acknowledgeConflict(input: ReviewerInput<'acknowledgeConflict'>) {
    return this.run('acknowledgeConflict', input);
  }

  retractDecision(input: ReviewerInput<'retractDecision'>) {
    return this.run('retractDecision', input);
  }

  proposeDecision(input: ReviewerInput<'proposeDecision'>) {
    return this.run('proposeDecision', input);
  }

  confirmProposal(input: ReviewerInput<'confirmProposal'>) {
    return this.run('confirmProposal', input);
  }

  withdrawProposal(input: ReviewerInput<'withdrawProposal'>) {
    return this.run('withdrawProposal', input);
  }

  addNote(input: ReviewerInput<'addNote'>) {
    return this.run('addNote', input);
  }

  getAnalyst(input: ReviewerInput<'getAnalyst'> = {}) {
    return this.run('getAnalyst', input);
  }

  setAnalyst(input: ReviewerInput<'setAnalyst'>) {
    return this.run('setAnalyst', input);
  }

  redeemToken(input: ReviewerInput<'redeemToken'>) {
    return this.run('redeemToken', input);
  }

  listShareableSessions(input: ReviewerInput<'listShareableSessions'>) {
    return this.run('listShareableSessions', input);
  }

  mintToken(input: ReviewerInput<'mintToken'>) {
    return this.run('mintToken', input);
  }

  listMintedTokens(input: ReviewerInput<'listMintedTokens'> = {}) {
    return this.run('listMintedTokens', input);
  }

  listPartners(input: ReviewerInput<'listPartners'> = {}) {
    return this.run('listPartners', input);
  }

  savePartner(input: ReviewerInput<'savePartner'>) {
    return this.run('savePartner', input);
  }

  removePartner(input: ReviewerInput<'removePartner'>) {
    return this.run('removePartner', input);
  }

  syncNow(input: ReviewerInput<'syncNow'>) {
    return this.run('syncNow', input);
  }

  getSettings(input: ReviewerInput<'getSettings'> = {}) {
    return this.run('getSettings', input);
  }

  updateSettings(input: ReviewerInput<'updateSettings'>) {
    return this.run('updateSettings', input);
  }

  listAudit(input: ReviewerInput<'listAudit'>) {
    return this.run('listAudit', input);
  }

  verifyAudit(input: ReviewerInput<'verifyAudit'> = {}) {
    return this.run('verifyAudit', input);
  }

  purgeExpired(input: ReviewerInput<'purgeExpired'> = {}) {
    return this.run('purgeExpired', input);
  }

  exportCaseReport(input: ReviewerInput<'exportCaseReport'>) {
    return this.run('exportCaseReport', input);
  }

  exportDossier(input: ReviewerInput<'exportDossier'>) {
    return this.run('exportDossier', input);
  }

  disposeAmlHit(input: ReviewerInput<'disposeAmlHit'>) {
    return this.run('disposeAmlHit', input);
  }

  acknowledgeDisposition(input: ReviewerInput<'acknowledgeDisposition'>) {
    return this.run('acknowledgeDisposition', input);
  }

  exportAudit(input: ReviewerInput<'exportAudit'>) {
    return this.run('exportAudit', input);
  }

  listAuditActors(input: ReviewerInput<'listAuditActors'> = {}) {
    return this.run('listAuditActors', input);
  }

  wipeProfile(input: ReviewerInput<'wipeProfile'>) {
    return this.run('wipeProfile', input);
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  /** Parses the input, refuses calls after close, runs the method's handler, turns any failure into a ReviewerError. */
  private async run<M extends ReviewerMethod>(method: M, input: unknown): Promise<ReviewerOutputs[M]> {
    if (this.closed) throw new ReviewerError('internal', 'The engine is closed.');
    const parsed = (reviewerInputs[method] as z.ZodType).safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      throw new ReviewerError(
        'validation',
        field ? `${field}: ${issue.message}` : (issue?.message ?? 'Invalid input.'),
        field,
      );
    }
    const handler: Handler<M> = HANDLERS[method];
    const call = (async () => handler(this.s, parsed.data as Parsed<M>))();
    // close() waits for calls in flight before closing the database; wipeProfile closes from inside its own call.
    if (method !== 'wipeProfile') this.track(call);
    try {
      return await call;
    } catch (err) {
      throw toReviewerError(err);
    }
  }

  private track(p: Promise<unknown>): void {
    this.background.add(p);
    const forget = () => void this.background.delete(p);
    p.then(forget, forget);
  }
}
