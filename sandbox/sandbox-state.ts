/**
 * The sandbox's state and collaborators, independent of HTTP: the routes and the demo loader both work through it
 * (and through the operations in sessions-service.ts and share-import.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import { Clock } from './clock.js';
import { openDemoMediaFile, type DemoMediaFile } from './demo-media.js';
import { MediaSigner } from './media-urls.js';
import { ShareTokens } from './share-tokens.js';
import { ApplicationStore } from './store/applications.js';
import { CaseStore } from './store/case-records.js';
import { DemoMediaStore } from './store/demo-media.js';
import { openDatabase, type Db, type DbKey } from './store/db.js';
import { loadServerSecrets } from './store/server-secrets.js';
import { SessionStore } from './store/sessions.js';
import { WebhookStore } from './store/webhooks.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export interface CoreOptions {
  dataDir: string;
  /** Encrypts the database with SQLCipher when given. */
  dbKey?: DbKey;
  mediaTtlSeconds: number;
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** What import-shared answers: the seed's full clone (default) or Didit's documented short answer. */
  importAnswer?: 'full' | 'short';
  /** The build's drawn demo media (demo-media.ts), when there is one. */
  demoMediaFile?: string;
  log: FastifyBaseLogger;
}

export class SandboxCore {
  readonly db: Db;
  readonly apps: ApplicationStore;
  readonly sessions: SessionStore;
  /** The demo's media not drawn yet. */
  readonly demoMedia: DemoMediaStore;
  /** Per-session activity feed and AML hit dispositions. */
  readonly cases: CaseStore;
  readonly webhooks: WebhookStore;
  readonly clock = new Clock();
  readonly media: MediaSigner;
  readonly tokens: ShareTokens;
  readonly dispatcher: WebhookDispatcher;
  /** The server's own origin, for URLs that are not built while answering a request (webhook payloads). */
  publicBaseUrl = 'http://127.0.0.1';
  private shippedMedia: DemoMediaFile | null | undefined;

  constructor(readonly options: CoreOptions) {
    this.db = openDatabase(options.dataDir, options.dbKey);
    const secrets = loadServerSecrets(this.db);
    this.apps = new ApplicationStore(this.db);
    this.sessions = new SessionStore(this.db);
    this.demoMedia = new DemoMediaStore(this.db);
    this.cases = new CaseStore(this.db);
    this.webhooks = new WebhookStore(this.db);
    this.media = new MediaSigner(secrets.mediaUrlKey, this.clock, options.mediaTtlSeconds);
    this.tokens = new ShareTokens(secrets.shareTokenKey, this.clock);
    this.dispatcher = new WebhookDispatcher(options.log, options.webhookRetryDelaysMs, options.webhookTimeoutMs);
  }

  get log(): FastifyBaseLogger {
    return this.options.log;
  }

  /** The build's drawn demo media, read at the first demo medium wanted; null without one. */
  get demoMediaFile(): DemoMediaFile | null {
    if (this.shippedMedia === undefined) {
      this.shippedMedia = this.options.demoMediaFile ? openDemoMediaFile(this.options.demoMediaFile) : null;
    }
    return this.shippedMedia;
  }

  close(): void {
    this.dispatcher.close();
    this.db.close();
  }
}
