/**
 * The reviewer engine: implements the ReviewerApi over the encrypted cache, the keychain and the Didit client.
 * Every method parses its input with `reviewerInputs[method]` and fails only with a ReviewerError. Hosts (Electron
 * IPC, the browser host) call nothing but these methods, `onEvent`, `getMedia` and `close`.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import type { z } from 'zod';
import {
  connectionInputSchema,
  ReviewerError,
  reviewerInputs,
  settingsSchema,
  type AppStatus,
  type ConnectionInput,
  type ReviewerApi,
  type ReviewerInput,
  type ReviewerMethod,
  type ReviewerOutputs,
  type Settings,
} from '../../shared/reviewer-api.js';
import { isInReview, statusForKind } from '../../shared/statuses.js';
import type { CacheStore, ConnectionRecord } from './cache/cache-api.js';
import { openProfileCache, wipeProfile } from './cache/index.js';
import { ConnectionRuntime, receives } from './connection-runtime.js';
import type { EngineContext } from './context.js';
import { DiditClient } from './didit-client.js';
import { toReviewerError } from './errors.js';
import { EventHub, type EventListener } from './events.js';
import { redeemToken } from './imports.js';
import { accounts, connectionAccounts, type SecretStore } from './keychain/index.js';
import { newMarker } from './outbox/marker.js';
import { OutboxSender } from './outbox/sender.js';
import { listShareableSessions, mintToken } from './outbound.js';
import { ingestSession } from './sync/ingest.js';
import { TaskLoop } from './sync/task-loop.js';
import { WebhookReceiver } from './sync/webhook-receiver.js';

export interface EngineOptions {
  profileDir: string;
  secrets: SecretStore;
  /** Connections to create when the profile has none with the same base URL and application (first-run demo). */
  seedConnections?: ConnectionInput[];
  demo?: boolean;
  /** Poll and send in the background (default). Off: nothing touches the network until syncNow. */
  autoSync?: boolean;
}

type Parsed<M extends ReviewerMethod> = z.output<(typeof reviewerInputs)[M]>;

const SENDER_BACKOFF_BASE_MS = 2_000;
const SENDER_BACKOFF_MAX_MS = 60_000;
const HTTP_TIMEOUTS = { headersTimeout: 30_000, bodyTimeout: 60_000, connect: { timeout: 10_000 } };
const MEMORY_PROFILE_REFUSAL =
  'This demo profile keeps API keys in memory only, so it cannot add a connection of your own: its key would be ' +
  'lost when Countersign quits. Connections need an OS keychain. On Linux, install and unlock GNOME Keyring or ' +
  'KWallet (a Secret Service) in your desktop session, then start Countersign again; on macOS and Windows the ' +
  "system keychain is used. The demo's own connections keep working.";

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
  private readonly ctx: EngineContext;
  private readonly abort = new AbortController();
  private readonly agent = new Agent({ connections: 32, keepAliveTimeout: 10_000, ...HTTP_TIMEOUTS });
  private readonly events = new EventHub();
  private readonly runtimes = new Map<string, ConnectionRuntime>();
  private readonly sender: OutboxSender;
  private readonly senderLoop: TaskLoop;
  private readonly webhook: WebhookReceiver;
  private readonly background = new Set<Promise<unknown>>();
  private readonly autoSync: boolean;
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly opts: EngineOptions,
    private readonly cache: CacheStore,
  ) {
    this.autoSync = opts.autoSync ?? true;
    this.ctx = { cache, events: this.events, dispatcher: this.agent, signal: this.abort.signal };
    this.sender = new OutboxSender({
      ctx: this.ctx,
      clientFor: (id) => this.runtime(id).api(),
      reportReachability: (id, err) => this.runtimes.get(id)?.report(err),
    });
    this.senderLoop = new TaskLoop({
      run: () => this.sender.flush(),
      intervalMs: () => null,
      backoffBaseMs: SENDER_BACKOFF_BASE_MS,
      backoffMaxMs: SENDER_BACKOFF_MAX_MS,
    });
    this.webhook = new WebhookReceiver({
      secrets: () => this.webhookSecrets(),
      rememberEvent: (eventId) => this.cache.rememberWebhookEvent(eventId),
      onEvent: (connectionId, payload) => this.track(this.fetchOne(connectionId, payload.session_id)),
    });
  }

  /** Seeds connections, starts pollers, the sender and (when enabled) the webhook receiver. */
  async start(seeds: ConnectionInput[]): Promise<void> {
    for (const seed of seeds) await this.seed(seed);
    for (const record of this.cache.listConnections()) this.addRuntime(record);
    const settings = this.cache.getSettings();
    if (settings.webhook.enabled) {
      try {
        await this.webhook.listen(settings.webhook.host, settings.webhook.port);
      } catch (err) {
        console.warn(`countersign: webhook receiver not started: ${err instanceof Error ? err.message : err}`);
      }
    }
    try {
      this.cache.purgeDecidedOlderThan(settings.retentionDays);
    } catch (err) {
      console.warn(`countersign: retention purge failed: ${toReviewerError(err).message}`);
    }
    // Decisions left queued or in flight by the last run (even a crash) are read back and sent.
    if (this.autoSync && this.sender.hasPending()) void this.senderLoop.trigger();
  }

  onEvent(listener: EventListener): () => void {
    return this.events.on(listener);
  }

  getMedia(sessionId: string, locator: string): { contentType: string; bytes: Buffer } | null {
    if (this.closed || typeof sessionId !== 'string' || typeof locator !== 'string') return null;
    try {
      return this.cache.getMedia(sessionId, locator);
    } catch {
      return null;
    }
  }

  /** Runs a sync of one or every connection plus an outbox pass and resolves when both are over (tests, bench). */
  async syncAndWait(connectionId?: string): Promise<void> {
    const targets = connectionId ? [this.runtime(connectionId)] : [...this.runtimes.values()];
    await Promise.all([...targets.map((rt) => rt.poller.trigger()), this.senderLoop.trigger()]);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    // Fails every request in flight or queued at once, so the loops below end without waiting for the network.
    const requestsCut = this.agent.destroy().catch(() => undefined);
    await Promise.allSettled([
      ...[...this.runtimes.values()].map((rt) => rt.poller.stop()),
      this.senderLoop.stop(),
      this.webhook.close(),
      ...this.background,
    ]);
    await requestsCut;
    this.events.clear();
    try {
      this.cache.close();
    } catch (err) {
      console.warn(`countersign: closing the cache failed: ${toReviewerError(err).message}`);
    }
  }

  // ---- ReviewerApi -------------------------------------------------------------------------------------------

  getStatus(input: ReviewerInput<'getStatus'> = {}): Promise<AppStatus> {
    return this.run('getStatus', input, () => ({
      keychain: this.opts.secrets.kind,
      demo: this.opts.demo ?? false,
      connections: [...this.runtimes.values()].map((rt) => ({ id: rt.id, name: rt.record.name, online: rt.online })),
      outbox: this.sender.counts(),
      sync: [...this.runtimes.values()].map((rt) => rt.progress.snapshot),
      webhook: { listening: this.webhook.listening, url: this.webhook.url },
    }));
  }

  listConnections(input: ReviewerInput<'listConnections'> = {}) {
    return this.run('listConnections', input, () => [...this.runtimes.values()].map((rt) => rt.view()));
  }

  addConnection(input: ReviewerInput<'addConnection'>) {
    return this.run('addConnection', input, async (c) => {
      // Before any network call: in a memory-only profile the key would be lost on quit, whatever the server says.
      if (this.opts.secrets.kind === 'memory') throw new ReviewerError('keychain_unavailable', MEMORY_PROFILE_REFUSAL);
      this.assertNoTwin(c.baseUrl, c.applicationId);
      // One cheap authenticated call, so a wrong key or address is reported now, in words, not at the first sync.
      await this.probe(c.baseUrl, c.apiKey);
      const rt = this.addRuntime(await this.createConnection(c));
      rt.report(null);
      return rt.view();
    });
  }

  updateConnection(input: ReviewerInput<'updateConnection'>) {
    return this.run('updateConnection', input, async (u) => {
      const rt = this.runtime(u.id);
      if (u.webhookSecret === null) await this.opts.secrets.delete(accounts.webhookSecret(u.id));
      else if (u.webhookSecret !== undefined)
        await this.opts.secrets.set(accounts.webhookSecret(u.id), u.webhookSecret);
      const record: ConnectionRecord = {
        ...rt.record,
        ...(u.name !== undefined ? { name: u.name } : {}),
        ...(u.workflows !== undefined ? { workflows: u.workflows } : {}),
        ...(u.webhookSecret !== undefined ? { hasWebhookSecret: u.webhookSecret !== null } : {}),
      };
      this.cache.transaction(() => {
        this.cache.upsertConnection(record);
        this.cache.appendAudit({
          type: 'connection.updated',
          connectionId: u.id,
          details: { changed: Object.keys(u).filter((k) => k !== 'id') },
        });
      });
      rt.record = record;
      rt.resetSecrets();
      return rt.view();
    });
  }

  testConnection(input: ReviewerInput<'testConnection'>) {
    return this.run('testConnection', input, async ({ id }) => {
      const rt = this.runtime(id);
      const started = performance.now();
      try {
        await (await rt.api()).listSessions({ limit: 1 });
      } catch (err) {
        rt.report(err);
        throw err;
      }
      rt.report(null);
      return { ok: true as const, latencyMs: Math.round(performance.now() - started) };
    });
  }

  removeConnection(input: ReviewerInput<'removeConnection'>) {
    return this.run('removeConnection', input, async ({ id }) => {
      const rt = this.runtime(id);
      this.runtimes.delete(id);
      await rt.poller.stop();
      this.cache.transaction(() => {
        this.cache.deleteConnection(id);
        this.cache.appendAudit({ type: 'connection.removed', connectionId: id, details: { name: rt.record.name } });
      });
      for (const account of connectionAccounts(id)) await this.opts.secrets.delete(account);
      this.sender.emitCounts();
      return { removed: true as const };
    });
  }

  listSessions(input: ReviewerInput<'listSessions'>) {
    return this.run('listSessions', input, (q) => this.cache.querySessions(q));
  }

  getSession(input: ReviewerInput<'getSession'>) {
    return this.run('getSession', input, ({ id }) => this.sessionDetail(id));
  }

  decide(input: ReviewerInput<'decide'>) {
    return this.run('decide', input, (d) => {
      const session = this.cache.getSession(d.sessionId);
      if (session === null)
        throw new ReviewerError('not_found', 'That session is not in the local cache.', 'sessionId');
      if (!isInReview(session.row.status)) {
        throw new ReviewerError(
          'validation',
          `This session is ${session.row.status}; only sessions In Review can be approved or declined.`,
          'sessionId',
        );
      }
      const connectionId = session.row.connectionId;
      // Outbox entry, local status and audit entry in one transaction: a decision is never half made.
      const decision = this.cache.transaction(() => {
        const made = this.cache.enqueueDecision({
          sessionId: d.sessionId,
          newStatus: d.newStatus,
          comment: d.comment,
          marker: newMarker(),
        });
        this.cache.setLocalStatus(d.sessionId, statusForKind(d.newStatus, session.row.kind));
        this.cache.appendAudit({
          type: 'decision.made',
          sessionId: d.sessionId,
          connectionId,
          details: { decisionId: made.id, newStatus: d.newStatus, marker: made.marker },
        });
        return made;
      });
      this.sender.emitCounts();
      this.events.emit({ type: 'sessions.changed', sessionIds: [d.sessionId] });
      if (this.autoSync) void this.senderLoop.trigger();
      return decision;
    });
  }

  listDecisions(input: ReviewerInput<'listDecisions'>) {
    return this.run('listDecisions', input, ({ states }) => this.cache.listDecisions(states));
  }

  acknowledgeConflict(input: ReviewerInput<'acknowledgeConflict'>) {
    return this.run('acknowledgeConflict', input, ({ id }) => {
      const decision = this.cache.getDecision(id);
      if (decision === null) throw new ReviewerError('not_found', 'No such decision.', 'id');
      if (decision.state !== 'conflict')
        throw new ReviewerError('validation', 'This decision is not in conflict.', 'id');
      return this.sender.acknowledge(decision);
    });
  }

  redeemToken(input: ReviewerInput<'redeemToken'>) {
    return this.run('redeemToken', input, (r) => this.reporting(r.connectionId, (rt) => redeemToken(this.ctx, rt, r)));
  }

  listShareableSessions(input: ReviewerInput<'listShareableSessions'>) {
    return this.run('listShareableSessions', input, ({ connectionId, search }) =>
      this.reporting(connectionId, (rt) => listShareableSessions(this.ctx, rt, search)),
    );
  }

  mintToken(input: ReviewerInput<'mintToken'>) {
    return this.run('mintToken', input, (m) => this.reporting(m.connectionId, (rt) => mintToken(this.ctx, rt, m)));
  }

  listMintedTokens(input: ReviewerInput<'listMintedTokens'> = {}) {
    return this.run('listMintedTokens', input, () => this.cache.listMintedTokens());
  }

  listPartners(input: ReviewerInput<'listPartners'> = {}) {
    return this.run('listPartners', input, () => this.cache.listPartners());
  }

  savePartner(input: ReviewerInput<'savePartner'>) {
    return this.run('savePartner', input, ({ name, applicationId }) => {
      const existing = this.cache.listPartners().find((p) => p.applicationId === applicationId);
      const partner = { id: existing?.id ?? randomUUID(), name, applicationId };
      this.cache.transaction(() => {
        this.cache.savePartner(partner);
        this.cache.appendAudit({ type: 'partner.saved', details: { partnerId: partner.id, applicationId } });
      });
      return partner;
    });
  }

  removePartner(input: ReviewerInput<'removePartner'>) {
    return this.run('removePartner', input, ({ id }) => {
      if (!this.cache.listPartners().some((p) => p.id === id))
        throw new ReviewerError('not_found', 'No such partner.', 'id');
      this.cache.transaction(() => {
        this.cache.removePartner(id);
        this.cache.appendAudit({ type: 'partner.removed', details: { partnerId: id } });
      });
      return { removed: true as const };
    });
  }

  syncNow(input: ReviewerInput<'syncNow'>) {
    return this.run('syncNow', input, ({ connectionId }) => {
      if (connectionId !== undefined) this.runtime(connectionId);
      void this.syncAndWait(connectionId);
      return { started: true as const };
    });
  }

  getSettings(input: ReviewerInput<'getSettings'> = {}) {
    return this.run('getSettings', input, () => this.cache.getSettings());
  }

  updateSettings(input: ReviewerInput<'updateSettings'>) {
    return this.run('updateSettings', input, async (patch) => {
      const before = this.cache.getSettings();
      const next: Settings = settingsSchema.parse({ ...before, ...patch });
      const webhookChanged = JSON.stringify(next.webhook) !== JSON.stringify(before.webhook);
      if (webhookChanged) await this.applyWebhookSettings(next.webhook);
      this.cache.transaction(() => {
        this.cache.saveSettings(next);
        this.cache.appendAudit({ type: 'settings.changed', details: { changed: Object.keys(patch) } });
      });
      if (next.pollIntervalSeconds !== before.pollIntervalSeconds) {
        for (const rt of this.runtimes.values()) rt.poller.reschedule();
      }
      return next;
    });
  }

  listAudit(input: ReviewerInput<'listAudit'>) {
    return this.run('listAudit', input, (q) => this.cache.listAudit(q));
  }

  verifyAudit(input: ReviewerInput<'verifyAudit'> = {}) {
    return this.run('verifyAudit', input, () => this.cache.verifyAudit());
  }

  purgeExpired(input: ReviewerInput<'purgeExpired'> = {}) {
    return this.run('purgeExpired', input, () => {
      const days = this.cache.getSettings().retentionDays;
      const purgedSessions = this.cache.transaction(() => {
        const n = this.cache.purgeDecidedOlderThan(days);
        if (n > 0) this.cache.appendAudit({ type: 'retention.purged', details: { sessions: n, olderThanDays: days } });
        return n;
      });
      if (purgedSessions > 0) this.events.emit({ type: 'sessions.changed', sessionIds: [] });
      return { purgedSessions };
    });
  }

  exportCaseReport(input: ReviewerInput<'exportCaseReport'>) {
    return this.run('exportCaseReport', input, async ({ id }) => {
      const detail = this.sessionDetail(id);
      // Loaded on first use: pdf-lib and fontkit would otherwise add about half a second to every start.
      const { buildCaseReport } = await import('./report/index.js');
      const report = await buildCaseReport({ detail, media: (locator) => this.cache.getMedia(id, locator) });
      this.cache.appendAudit({
        type: 'report.exported',
        sessionId: id,
        connectionId: detail.row.connectionId,
        details: { fileName: report.fileName },
      });
      return report;
    });
  }

  wipeProfile(input: ReviewerInput<'wipeProfile'>) {
    return this.run('wipeProfile', input, async () => {
      const connectionIds = this.cache.listConnections().map((c) => c.id);
      await this.close();
      await wipeProfile({ profileDir: this.opts.profileDir, secrets: this.opts.secrets, connectionIds });
      return { wiped: true as const };
    });
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  /** Parses the input, refuses calls after close, and turns any failure into a ReviewerError. */
  private async run<M extends ReviewerMethod>(
    method: M,
    input: unknown,
    fn: (parsed: Parsed<M>) => ReviewerOutputs[M] | Promise<ReviewerOutputs[M]>,
  ): Promise<ReviewerOutputs[M]> {
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
    const call = (async () => fn(parsed.data as Parsed<M>))();
    // close() waits for calls in flight before closing the database; wipeProfile closes from inside its own call.
    if (method !== 'wipeProfile') this.track(call);
    try {
      return await call;
    } catch (err) {
      throw toReviewerError(err);
    }
  }

  private runtime(id: string): ConnectionRuntime {
    const rt = this.runtimes.get(id);
    if (rt === undefined) throw new ReviewerError('not_found', 'No such connection.', 'connectionId');
    return rt;
  }

  /** Runs a network operation for a connection and records whether its server was reachable. */
  private async reporting<T>(connectionId: string, fn: (rt: ConnectionRuntime) => Promise<T>): Promise<T> {
    const rt = this.runtime(connectionId);
    try {
      return await fn(rt);
    } catch (err) {
      if (isReachabilityError(err)) rt.report(err);
      throw err;
    }
  }

  private addRuntime(record: ConnectionRecord): ConnectionRuntime {
    const rt = new ConnectionRuntime(record, this.ctx, this.opts.secrets, {
      pollIntervalMs: () => this.cache.getSettings().pollIntervalSeconds * 1000,
      onBackOnline: () => {
        if (this.autoSync && this.sender.hasPending()) void this.senderLoop.trigger();
      },
    });
    this.runtimes.set(record.id, rt);
    // Every role polls: receivers fill the review queue, issuers the outbound picker's cache.
    if (this.autoSync) rt.poller.start();
    return rt;
  }

  private assertNoTwin(baseUrl: string, applicationId: string): void {
    const twin = this.cache
      .listConnections()
      .find((c) => sameBase(c.baseUrl, baseUrl) && c.applicationId === applicationId);
    if (twin) {
      throw new ReviewerError(
        'validation',
        `This application is already connected as "${twin.name}".`,
        'applicationId',
      );
    }
  }

  private async probe(baseUrl: string, apiKey: string): Promise<void> {
    const client = new DiditClient({ baseUrl, apiKey, dispatcher: this.agent });
    await client.listSessions({ limit: 1 });
  }

  /** Keys to the keychain first, then the record; a failed record write takes the keys back out. */
  private async createConnection(input: z.output<typeof connectionInputSchema>): Promise<ConnectionRecord> {
    const id = randomUUID();
    const record: ConnectionRecord = {
      id,
      name: input.name,
      baseUrl: input.baseUrl,
      applicationId: input.applicationId,
      role: input.role,
      workflows: input.workflows,
      hasWebhookSecret: input.webhookSecret !== undefined,
      createdAt: new Date().toISOString(),
    };
    await this.opts.secrets.set(accounts.apiKey(id), input.apiKey);
    try {
      if (input.webhookSecret !== undefined)
        await this.opts.secrets.set(accounts.webhookSecret(id), input.webhookSecret);
      this.cache.transaction(() => {
        this.cache.upsertConnection(record);
        this.cache.appendAudit({
          type: 'connection.added',
          connectionId: id,
          details: {
            name: record.name,
            baseUrl: record.baseUrl,
            applicationId: record.applicationId,
            role: record.role,
          },
        });
      });
    } catch (err) {
      for (const account of connectionAccounts(id)) await this.opts.secrets.delete(account).catch(() => undefined);
      throw err;
    }
    return record;
  }

  private async seed(input: ConnectionInput): Promise<void> {
    const parsed = connectionInputSchema.safeParse(input);
    if (!parsed.success)
      throw new ReviewerError('validation', `A seed connection is invalid: ${parsed.error.issues[0]?.message}`);
    const c = parsed.data;
    const exists = this.cache
      .listConnections()
      .some((r) => sameBase(r.baseUrl, c.baseUrl) && r.applicationId === c.applicationId);
    if (!exists) await this.createConnection(c);
  }

  private sessionDetail(id: string): ReviewerOutputs['getSession'] {
    const s = this.cache.getSession(id);
    if (s === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'id');
    return {
      row: s.row,
      payload: s.payload,
      media: this.cache.listMedia(id),
      importInfo: s.importInfo,
      decisions: this.cache.listDecisions(undefined, id),
      audit: this.cache.listAudit({ sessionId: id, offset: 0, limit: 500 }).entries,
    };
  }

  /** A session a webhook told us about, fetched through the same path as the poller. */
  private async fetchOne(connectionId: string, sessionId: string): Promise<void> {
    const rt = this.runtimes.get(connectionId);
    if (rt === undefined || !receives(rt.record) || this.closed) return;
    try {
      const payload = await (await rt.api()).getDecision(sessionId);
      const result = await ingestSession(this.ctx, connectionId, payload, { progress: rt.progress });
      rt.report(null);
      this.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });
      if (result.isNew && isInReview(result.status)) {
        this.events.emit({ type: 'imports.arrived', connectionId, count: 1, inReview: 1 });
      }
    } catch (err) {
      if (this.closed) return;
      if (isReachabilityError(err)) rt.report(err);
      // The poller fetches it on its next pass.
      console.warn(`countersign: webhook-triggered fetch failed: ${toReviewerError(err).code}`);
    }
  }

  private async webhookSecrets(): Promise<{ connectionId: string; secret: string }[]> {
    const out: { connectionId: string; secret: string }[] = [];
    for (const rt of this.runtimes.values()) {
      const secret = await rt.getWebhookSecret();
      if (secret !== null) out.push({ connectionId: rt.id, secret });
    }
    return out;
  }

  private async applyWebhookSettings(w: Settings['webhook']): Promise<void> {
    if (!w.enabled) return this.webhook.close();
    try {
      await this.webhook.listen(w.host, w.port);
    } catch (err) {
      throw new ReviewerError(
        'validation',
        `The webhook receiver cannot listen on ${w.host}:${w.port} (${(err as NodeJS.ErrnoException).code ?? toReviewerError(err).message}). Pick another port or host.`,
        'webhook',
      );
    }
  }

  private track(p: Promise<unknown>): void {
    this.background.add(p);
    const forget = () => void this.background.delete(p);
    p.then(forget, forget);
  }
}

function isReachabilityError(err: unknown): boolean {
  return err instanceof ReviewerError && ['unreachable', 'dns_failed', 'timeout', 'auth_failed'].includes(err.code);
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
