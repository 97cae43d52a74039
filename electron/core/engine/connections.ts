/**
 * Connections: listing, adding (after a probe of the key), editing, testing and removing them, each with its poller,
 * and syncing them now; plus seeding them and starting their runtimes when the engine starts.
 */
import { syncProposals } from './four-eyes.js';
import { randomUUID } from 'node:crypto';
import { connectionInputSchema, receives, type ConnectionInput } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { ConnectionRecord } from '../cache/cache-api.js';
import { DiditClient } from '../didit-client.js';
import { accounts, connectionAccounts } from '../keychain/index.js';
import { ConnectionRuntime } from './connection-runtime.js';
import { runtimeOf, sendPending, type EngineState, type Handler, type Parsed } from './state.js';

const MEMORY_PROFILE_REFUSAL =
  'This demo profile keeps API keys in memory only, so it cannot add a connection of your own: its key would be ' +
  'lost when Countersign quits. Connections need an OS keychain. On Linux, install and unlock GNOME Keyring or ' +
  'KWallet (a Secret Service) in your desktop session, then start Countersign again; on macOS and Windows the ' +
  "system keychain is used. The demo's own connections keep working.";

/** How long issue-only connections wait at start for the receivers' first pass, at most. */
const ISSUERS_WAIT_MS = 5_000;

/**
 * Starts every connection's poller at engine start. The review queue is what the analyst waits for, so receiving
 * connections go first and issue-only ones (the outbound picker's cache) once their first pass is over, or after
 * ISSUERS_WAIT_MS: on the first start of the demo, both at once made the inbox appear later.
 */
export function startPollers(s: EngineState): void {
  if (!s.autoSync) return;
  const all = [...s.runtimes.values()];
  const firstPasses = all.filter((rt) => receives(rt.record)).map((rt) => rt.poller.trigger());
  const issuers = all.filter((rt) => !receives(rt.record));
  if (issuers.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ISSUERS_WAIT_MS).unref()));
  void Promise.race([Promise.all(firstPasses), waited]).then(() => {
    clearTimeout(timer);
    for (const rt of issuers) rt.poller.start();
  });
}

export function addRuntime(s: EngineState, record: ConnectionRecord, opts: { start: boolean }): ConnectionRuntime {
  const rt = new ConnectionRuntime(record, s.ctx, s.opts.secrets, {
    pollIntervalMs: () => s.ctx.cache.getSettings().pollIntervalSeconds * 1000,
    onBackOnline: () => sendPending(s),
    afterSync: async (connectionId, client) => {
      await syncProposals(s.ctx, connectionId, client);
    },
  });
  s.runtimes.set(record.id, rt);
  // Every role polls: receivers fill the review queue, issuers the outbound picker's cache.
  if (s.autoSync && opts.start) rt.poller.start();
  return rt;
}

/** Creates a seed connection unless the profile already has one for the same server and application. */
export async function seedConnection(s: EngineState, input: ConnectionInput): Promise<void> {
  const parsed = connectionInputSchema.safeParse(input);
  if (!parsed.success)
    throw new ReviewerError('validation', `A seed connection is invalid: ${parsed.error.issues[0]?.message}`);
  const c = parsed.data;
  const exists = s.ctx.cache
    .listConnections()
    .some((r) => sameBase(r.baseUrl, c.baseUrl) && r.applicationId === c.applicationId);
  if (!exists) await createConnection(s, c);
}

export const listConnections: Handler<'listConnections'> = async (s) => [...s.runtimes.values()].map((rt) => rt.view());

export const addConnection: Handler<'addConnection'> = async (s, c) => {
  // Before any network call: in a memory-only profile the key would be lost on quit, whatever the server says.
  if (s.opts.secrets.kind === 'memory') throw new ReviewerError('keychain_unavailable', MEMORY_PROFILE_REFUSAL);
  assertNoTwin(s, c.baseUrl, c.applicationId);
  // One cheap authenticated call, so a wrong key or address is reported now, in words, not at the first sync.
  await probe(s, c.baseUrl, c.apiKey);
  const rt = addRuntime(s, await createConnection(s, c), { start: true });
  rt.report(null);
  return rt.view();
};

export const updateConnection: Handler<'updateConnection'> = async (s, u) => {
  const rt = runtimeOf(s, u.id);
  if (u.webhookSecret === null) await s.opts.secrets.delete(accounts.webhookSecret(u.id));
  else if (u.webhookSecret !== undefined) await s.opts.secrets.set(accounts.webhookSecret(u.id), u.webhookSecret);
  const record: ConnectionRecord = {
    ...rt.record,
    ...(u.name !== undefined ? { name: u.name } : {}),
    ...(u.workflows !== undefined ? { workflows: u.workflows } : {}),
    ...(u.webhookSecret !== undefined ? { hasWebhookSecret: u.webhookSecret !== null } : {}),
  };
  s.ctx.cache.transaction(() => {
    s.ctx.cache.upsertConnection(record);
    s.ctx.cache.appendAudit({
      type: 'connection.updated',
      connectionId: u.id,
      details: { changed: Object.keys(u).filter((k) => k !== 'id') },
    });
  });
  rt.record = record;
  rt.resetSecrets();
  return rt.view();
};

export const testConnection: Handler<'testConnection'> = async (s, { id }) => {
  const rt = runtimeOf(s, id);
  const started = performance.now();
  try {
    await (await rt.api()).listSessions({ limit: 1 });
  } catch (err) {
    rt.report(err);
    throw err;
  }
  rt.report(null);
  return { ok: true as const, latencyMs: Math.round(performance.now() - started) };
};

export const removeConnection: Handler<'removeConnection'> = async (s, { id }) => {
  const rt = runtimeOf(s, id);
  s.runtimes.delete(id);
  await rt.poller.stop();
  s.ctx.cache.transaction(() => {
    s.ctx.cache.deleteConnection(id);
    s.ctx.cache.appendAudit({ type: 'connection.removed', connectionId: id, details: { name: rt.record.name } });
  });
  for (const account of connectionAccounts(id)) await s.opts.secrets.delete(account);
  s.sender.emitCounts();
  // Its sessions left the cache with it.
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [] });
  return { removed: true as const };
};

/** Starts a sync of one or every connection plus an outbox pass, and answers at once. */
export const syncNow: Handler<'syncNow'> = async (s, { connectionId }) => {
  if (connectionId !== undefined) runtimeOf(s, connectionId);
  void syncAndWait(s, connectionId);
  return { started: true as const };
};

/** Runs a sync of one or every connection plus an outbox pass and resolves when both are over (tests, bench). */
export async function syncAndWait(s: EngineState, connectionId?: string): Promise<void> {
  const targets = connectionId ? [runtimeOf(s, connectionId)] : [...s.runtimes.values()];
  await Promise.all([...targets.map((rt) => rt.poller.trigger()), s.senderLoop.trigger()]);
}

function assertNoTwin(s: EngineState, baseUrl: string, applicationId: string): void {
  const twin = s.ctx.cache
    .listConnections()
    .find((c) => sameBase(c.baseUrl, baseUrl) && c.applicationId === applicationId);
  if (twin) {
    throw new ReviewerError('validation', `This application is already connected as "${twin.name}".`, 'applicationId');
  }
}

async function probe(s: EngineState, baseUrl: string, apiKey: string): Promise<void> {
  const client = new DiditClient({ baseUrl, apiKey, dispatcher: s.ctx.dispatcher });
  await client.listSessions({ limit: 1 });
}

/** Keys to the keychain first, then the record; a failed record write takes the keys back out. */
async function createConnection(s: EngineState, input: Parsed<'addConnection'>): Promise<ConnectionRecord> {
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
  await s.opts.secrets.set(accounts.apiKey(id), input.apiKey);
  try {
    if (input.webhookSecret !== undefined) await s.opts.secrets.set(accounts.webhookSecret(id), input.webhookSecret);
    s.ctx.cache.transaction(() => {
      s.ctx.cache.upsertConnection(record);
      s.ctx.cache.appendAudit({
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
    for (const account of connectionAccounts(id)) await s.opts.secrets.delete(account).catch(() => undefined);
    throw err;
  }
  return record;
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
