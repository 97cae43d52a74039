/**
 * A small client for the Didit v3 routes the reviewer uses (didit-api.md sections 1-4). Every answer is parsed with
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
  type ImportRequest,
  type ListResponse,
  type SessionSummary,
  type ShareRequest,
  type ShareResponse,
  type UpdateStatusRequest,
} from '../../shared/api.js';
import { sessionPayloadSchema, type SessionPayload } from '../../shared/session.js';
import { DiditError, httpError, networkError, parseRetryAfter } from './errors.js';
import { importError, shareError } from './didit-errors.js';

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
    const answer = await this.call('GET', `/v3/sessions/?${params}`);
    return this.expect(answer, 200, listResponseSchema, 'session list');
  }

  /** Every session matching `query`, walking the pages with limit/offset. */
  async listAllSessions(
    query: Omit<ListQuery, 'limit' | 'offset'> = {},
    maxSessions = Infinity,
  ): Promise<SessionSummary[]> {
    const all: SessionSummary[] = [];
    for (let page = 0; page < MAX_PAGES && all.length < maxSessions; page++) {
      const res = await this.listSessions({ ...query, limit: PAGE_LIMIT_MAX, offset: all.length });
      all.push(...res.results);
      if (res.results.length === 0 || res.next === null || all.length >= res.count) break;
    }
    return all.slice(0, maxSessions);
  }

  async getDecision(sessionId: string): Promise<SessionPayload> {
    const answer = await this.call('GET', `/v3/session/${encodeURIComponent(sessionId)}/decision/`);
    return this.expect(answer, 200, sessionPayloadSchema, 'session');
  }

  async updateStatus(sessionId: string, body: UpdateStatusRequest): Promise<void> {
    const answer = await this.call('PATCH', `/v3/session/${encodeURIComponent(sessionId)}/update-status/`, body);
    if (answer.status !== 200) throw this.failure(answer);
  }

  async share(sessionId: string, body: ShareRequest): Promise<ShareResponse> {
    const answer = await this.call('POST', `/v3/session/${encodeURIComponent(sessionId)}/share/`, body);
    if (answer.status !== 201) throw shareError(answer.status, errorDetail(answer.body), this.failure(answer));
    return this.expect(answer, 201, shareResponseSchema, 'share answer');
  }

  async importShared(body: ImportRequest): Promise<SessionPayload> {
    const answer = await this.call('POST', '/v3/session/import-shared/', body);
    if (answer.status !== 201) {
      const parsed = errorBodySchema.safeParse(answer.body);
      const code = parsed.success && typeof parsed.data.code === 'string' ? parsed.data.code : undefined;
      throw importError(answer.status, errorDetail(answer.body), code, this.failure(answer));
    }
    return this.expect(answer, 201, sessionPayloadSchema, 'imported session');
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
