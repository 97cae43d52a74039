/**
 * A connection while the engine runs: its stored record, its API client (the key read once from the keychain and
 * kept in memory only), its poller, its sync progress and whether the server was reachable last time we tried.
 */
import { receives, type Connection } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { ConnectionRecord } from '../cache/cache-api.js';
import type { EngineContext } from '../context.js';
import { DiditClient } from '../didit-client.js';
import { isOffline, toReviewerError } from '../errors.js';
import { accounts, type SecretStore } from '../keychain/index.js';
import { ProgressReporter } from '../sync/progress.js';
import { issuedTarget } from '../sync/issued-sessions.js';
import { reviewTarget, syncConnection } from '../sync/sync-run.js';
import { TaskLoop } from '../sync/task-loop.js';

const POLL_BACKOFF_BASE_MS = 5_000;
const POLL_BACKOFF_MAX_MS = 5 * 60_000;

export interface RuntimeHooks {
  pollIntervalMs(): number;
  /** The connection became reachable again after being offline. */
  onBackOnline(connectionId: string): void;
  /** After a successful pass: work that reads more of the server for this connection (four-eyes proposals). */
  afterSync?(connectionId: string, client: DiditClient): Promise<void>;
}

export class ConnectionRuntime {
  online: boolean | null = null;
  error: string | null = null;
  readonly progress: ProgressReporter;
  readonly poller: TaskLoop;
  private client: DiditClient | null = null;
  private webhookSecret: string | null | undefined;

  constructor(
    public record: ConnectionRecord,
    private readonly ctx: EngineContext,
    private readonly secrets: SecretStore,
    private readonly hooks: RuntimeHooks,
  ) {
    this.progress = new ProgressReporter(record.id, ctx.events);
    this.poller = new TaskLoop({
      run: () => this.syncOnce(),
      intervalMs: () => hooks.pollIntervalMs(),
      backoffBaseMs: POLL_BACKOFF_BASE_MS,
      backoffMaxMs: POLL_BACKOFF_MAX_MS,
    });
  }

  get id(): string {
    return this.record.id;
  }

  async api(): Promise<DiditClient> {
    if (this.client !== null) return this.client;
    const apiKey = await this.secrets.get(accounts.apiKey(this.id));
    if (apiKey === null) {
      throw new ReviewerError(
        'auth_failed',
        `The API key of "${this.record.name}" is missing from the keychain. Edit the connection and enter the key again.`,
      );
    }
    this.client = new DiditClient({
      baseUrl: this.record.baseUrl,
      apiKey,
      dispatcher: this.ctx.dispatcher,
    });
    return this.client;
  }

  async getWebhookSecret(): Promise<string | null> {
    if (!this.record.hasWebhookSecret) return null;
    this.webhookSecret ??= await this.secrets.get(accounts.webhookSecret(this.id));
    return this.webhookSecret;
  }

  /** Forget cached secrets (the connection was edited). */
  resetSecrets(): void {
    this.client = null;
    this.webhookSecret = undefined;
  }

  /**
   * Records the outcome of talking to the server; emits connection.state when it changed. Only a failure to get an
   * answer at all makes the connection offline (`isOffline`): a refused key keeps it online, with the error shown.
   */
  report(err: unknown): void {
    const wasOnline = this.online;
    const online = err === null ? true : !isOffline(err);
    const error = err === null ? null : toReviewerError(err).message;
    if (this.ctx.signal.aborted) return;
    if (online === this.online && error === this.error) return;
    this.online = online;
    this.error = error;
    this.ctx.events.emit({ type: 'connection.state', connectionId: this.id, online, error });
    if (online && wasOnline === false) this.hooks.onBackOnline(this.id);
  }

  view(): Connection {
    const state = this.ctx.cache.getSyncState(this.id);
    return {
      ...this.record,
      online: this.online,
      lastSyncAt: state.lastSyncAt,
      lastError: this.error ?? state.lastError,
    };
  }

  /**
   * One pass: a receiving connection fills the review cache; an issue-only one caches its shareable sessions for
   * the outbound picker. Either way the first pass tells whether the server is reachable.
   */
  private async syncOnce(): Promise<void> {
    const state = this.ctx.cache.getSyncState(this.id);
    const target = receives(this.record)
      ? reviewTarget(this.ctx, this.id, this.progress)
      : issuedTarget(this.ctx, this.id);
    try {
      const client = await this.api();
      const outcome = await syncConnection(this.ctx, this.id, client, this.progress, target, () => this.report(null));
      if (receives(this.record)) await this.hooks.afterSync?.(this.id, client);
      const lastError =
        outcome.skipped > 0 ? `${outcome.skipped} session(s) could not be read: ${outcome.firstSkipReason}` : null;
      this.ctx.cache.transaction(() => {
        this.ctx.cache.saveSyncState({ ...state, lastSyncAt: new Date().toISOString(), lastError });
        if (outcome.fetched > 0 || outcome.skipped > 0) {
          this.ctx.cache.appendAudit({
            type: 'sync.completed',
            connectionId: this.id,
            details: {
              listed: outcome.listed,
              fetched: outcome.fetched,
              newSessions: outcome.newSessions,
              skipped: outcome.skipped,
              partlyRead: outcome.partlyRead,
            },
          });
        }
      });
    } catch (err) {
      if (this.ctx.signal.aborted) return;
      this.report(err);
      this.ctx.cache.saveSyncState({ ...state, lastError: toReviewerError(err).message });
      throw err;
    }
  }
}
