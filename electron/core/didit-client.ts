/**
 * A small client for the Didit v3 routes the reviewer uses (docs/didit-api.md §3-§8). Every answer is parsed with
 * the shared schemas; every failure becomes a DiditError whose code the UI translates and whose message carries the
 * server's `detail`. The API key is sent only to the connection's own origin, never to media hosts.
 */
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  errorBodySchema,
  errorDetail,
  listResponseSchema,
  PAGE_LIMIT_MAX,
  shareResponseSchema,
  type AmlBulkUpdateRequest,
  type AmlHitUpdateRequest,
  type ImportRequest,
  type ListResponse,
  type SessionSummary,
  type ShareRequest,
  type ShareResponse,
  type UpdateStatusRequest,
} from '../../shared/didit/api.js';
import { rawSessionSchema, type RawSession } from '../../shared/didit/session-reader.js';
import type { SessionKind } from '../../shared/didit/statuses.js';
import { DiditError, httpError, networkError, parseRetryAfter } from './errors.js';
import { importError, shareError } from './didit-errors.js';

/** A reviews-feed row as the app reads it (the rest of the row is left alone). */
export interface FeedReview {
  comment: string | null;
  actor: string | null;
  createdAt: string | null;
}

export interface DiditClientOptions {
  baseUrl: string;
  apiKey: string;
  /** The engine's; destroying it at shutdown cuts every request in flight. */
  dispatcher: Dispatcher;
}

export interface ListQuery {
  limit?: number;
  offset?: number;
  status?: string;
  session_kind?: 'user' | 'business' | 'all';
  vendor_data?: string;
  workflow_id?: string;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Upper bound on one JSON answer: a session payload with every feature is far below this. */
const MAX_JSON_BYTES = 20 * 1024 * 1024;
/** Upper bound on pages walked for one list, so a misbehaving server cannot keep us paging forever. */
const MAX_PAGES = 1000;

export class DiditClient {
  readonly host: string;
  private readonly base: string;

  constructor(private readonly opts: DiditClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.host = new URL(this.base).host;
  }

  async listSessions(query: ListQuery = {}): Promise<ListResponse> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    return this.listPage(`/v3/sessions/?${params}`);
  }

  /**
   * Every session matching `query`, KYC first. Didit's `all` concatenates a KYC page and a KYB page for the same
   * offset and caps the KYB count, so each kind is listed on its own (as Didit's docs advise) and its `next` link is
   * followed until it is null: whatever the server counts, no page is skipped.
   */
  async listAllSessions(
    query: Omit<ListQuery, 'limit' | 'offset' | 'session_kind'> = {},
    maxSessions = Infinity,
  ): Promise<SessionSummary[]> {
    const users = await this.listKind({ ...query, session_kind: 'user' }, maxSessions);
    const businesses = await this.listKind({ ...query, session_kind: 'business' }, maxSessions - users.length);
    return [...users, ...businesses];
  }

  private async listKind(
    query: Omit<ListQuery, 'limit' | 'offset' | 'session_kind'> & { session_kind: SessionKind },
    maxSessions: number,
  ): Promise<SessionSummary[]> {
    const all: SessionSummary[] = [];
    const seen = new Set<string>();
    const params = new URLSearchParams({ limit: String(PAGE_LIMIT_MAX), offset: '0' });
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    let path: string | null = `/v3/sessions/?${params}`;
    for (let page = 0; path !== null && page < MAX_PAGES && all.length < maxSessions; page++) {
      const res = await this.listPage(path);
      for (const row of res.results) {
        if (seen.has(row.session_id)) continue; // pages that shifted under us repeat a row: keep the first
        seen.add(row.session_id);
        all.push({ ...row, session_kind: row.session_kind ?? query.session_kind });
      }
      path = res.results.length === 0 ? null : this.sameOriginPath(res.next);
    }
    return all.slice(0, maxSessions);
  }

  /** The decision payload as sent; only a missing session id refuses it (read it with `readSession`). */
  async getDecision(sessionId: string): Promise<RawSession> {
    const answer = await this.call('GET', `/v3/session/${encodeURIComponent(sessionId)}/decision/`);
    return this.expect(answer, 200, rawSessionSchema, 'session');
  }

  async updateStatus(sessionId: string, body: UpdateStatusRequest): Promise<void> {
    const answer = await this.call('PATCH', `/v3/session/${encodeURIComponent(sessionId)}/update-status/`, body);
    if (answer.status !== 200) throw this.failure(answer);
  }

  /** One AML hit's disposition (docs/didit-api.md §9); only the status code is relied on. */
  async updateAmlHitStatus(sessionId: string, body: AmlHitUpdateRequest): Promise<void> {
    const path = `/v3/session/${encodeURIComponent(sessionId)}/update-aml-hit-status/`;
    const answer = await this.call('PATCH', path, body);
    if (answer.status !== 200) throw this.failure(answer);
  }

  /** Several hits at once, all-or-nothing (one unknown hit: 404 and nothing changed). */
  async bulkUpdateAmlHitStatus(sessionId: string, body: AmlBulkUpdateRequest): Promise<void> {
    const path = `/v3/session/${encodeURIComponent(sessionId)}/bulk-update-aml-hit-status/`;
    const answer = await this.call('PATCH', path, body);
    if (answer.status !== 200) throw this.failure(answer);
  }

  /**
   * The newest rows of a KYC session's reviews feed (docs/didit-api.md §10): comment and actor only, read leniently
   * (four-eyes proposals travel in comments). KYB ids are 404.
   */
  async listReviews(sessionId: string, limit = 100): Promise<FeedReview[]> {
    const path = `/v3/sessions/${encodeURIComponent(sessionId)}/reviews/?limit=${limit}&offset=0`;
    const answer = await this.call('GET', path);
    if (answer.status !== 200) throw this.failure(answer);
    const results = (answer.body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) return [];
    return results.flatMap((r: unknown) => {
      if (r === null || typeof r !== 'object') return [];
      const row = r as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v : null);
      return [{ comment: text(row.comment), actor: text(row.actor_display), createdAt: text(row.created_at) }];
    });
  }

  /** Creates a review on a KYC session (`new_status` required; docs/didit-api.md §10); only the status is relied on. */
  async createReview(sessionId: string, body: { new_status: 'Approved' | 'Declined' | 'In Review'; comment: string }) {
    const answer = await this.call('POST', `/v3/sessions/${encodeURIComponent(sessionId)}/reviews/`, body);
    if (answer.status !== 201 && answer.status !== 200) throw this.failure(answer);
  }

  async share(sessionId: string, body: ShareRequest): Promise<ShareResponse> {
    const answer = await this.call('POST', `/v3/session/${encodeURIComponent(sessionId)}/share/`, body);
    if (answer.status !== 201) throw shareError(answer.status, errorDetail(answer.body), this.failure(answer));
    return this.expect(answer, 201, shareResponseSchema, 'share answer');
  }

  /**
   * Redeems a share token. Didit answers either the seed's full clone or the API reference's short answer (id,
   * number, status, ...); both carry the new `session_id`, which is all the caller must keep once the token is spent.
   */
  async importShared(body: ImportRequest): Promise<RawSession> {
    const answer = await this.call('POST', '/v3/session/import-shared/', body);
    if (answer.status !== 201) {
      const parsed = errorBodySchema.safeParse(answer.body);
      const code = parsed.success && typeof parsed.data.code === 'string' ? parsed.data.code : undefined;
      throw importError(answer.status, errorDetail(answer.body), code, this.failure(answer));
    }
    return this.expect(answer, 201, rawSessionSchema, 'import answer');
  }

  private async listPage(path: string): Promise<ListResponse> {
    return this.expect(await this.call('GET', path), 200, listResponseSchema, 'session list');
  }

  /**
   * A `next` link as a path on this connection's own origin: the API key never follows a link elsewhere. A link to
   * another host (a proxy's view of the server) keeps its path and query on ours.
   */
  private sameOriginPath(link: string | null): string | null {
    if (link === null) return null;
    let url: URL;
    try {
      url = new URL(link, `${this.base}/`);
    } catch {
      return null;
    }
    const basePath = new URL(`${this.base}/`).pathname.replace(/\/$/, '');
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
    return `${path}${url.search}`;
  }

  private async call(method: 'GET' | 'POST' | 'PATCH', path: string, json?: unknown): Promise<RawAnswer> {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${this.base}${path}`, {
        method,
        dispatcher: this.opts.dispatcher,
        headers: {
          'x-api-key': this.opts.apiKey,
          accept: 'application/json',
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
      });
    } catch (err) {
      throw networkError(err, this.host);
    }
    let text: string;
    try {
      text = await readCapped(res.body, MAX_JSON_BYTES);
    } catch (err) {
      throw err instanceof DiditError ? err : networkError(err, this.host);
    }
    let body: unknown = null;
    try {
      body = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      // A non-JSON error page (proxy, gateway): keep the status, drop the body.
      body = null;
    }
    return { status: res.statusCode, headers: res.headers, body };
  }

  private failure(answer: RawAnswer): DiditError {
    return httpError(answer.status, errorDetail(answer.body), parseRetryAfter(answer.headers['retry-after']));
  }

  private expect<T>(answer: RawAnswer, status: number, schema: z.ZodType<T>, what: string): T {
    if (answer.status !== status) throw this.failure(answer);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
      throw new DiditError('server_error', `${this.host} sent a ${what} this app cannot read${where}.`, {
        status: answer.status,
      });
    }
    return parsed.data;
  }
}

/** Reads a response body as text, refusing more than `max` bytes. */
async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new DiditError('server_error', 'The server sent an answer larger than this app accepts.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
