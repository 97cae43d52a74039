/**
 * The webhook receiver (off by default): a plain node:http server that reads the raw body (capped), verifies it
 * with the shared module against each connection's webhook secret — `X-Signature` over the raw bytes first, so a
 * body without a valid raw signature is never JSON-parsed unless it carries a V2 or Simple signature and is small —
 * takes freshness from the signed body's `timestamp`, refuses replays (remembered in the cache, so across restarts
 * too), answers 200 at once, and only then hands the event on. `status.updated` and `data.updated` (and their
 * `user.` / `business.` variants) name a session to refetch through the same path as the poller; the session is
 * never taken from the delivery. Other event types are acknowledged and ignored.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESSION_CHANGE_EVENTS, webhookPayloadSchema, type WebhookPayload } from '../../../shared/didit/api.js';
import {
  simpleSignatureInput,
  v2CanonicalJson,
  verifyWebhook,
  WEBHOOK_MAX_PARSE_BYTES,
  type WebhookFailure,
  type WebhookSignatureMethod,
} from '../../../shared/didit/webhook-signing.js';

const WEBHOOK_PATH = '/webhook/';

/** Event types that mean "this session changed": the receiver refetches it. */
export const REFETCH_EVENTS: ReadonlySet<string> = new Set(SESSION_CHANGE_EVENTS);

export interface WebhookReceiverOptions {
  /** Largest body read at all (default 5 MiB); a larger one is answered 413 and the connection closed. */
  maxBodyBytes?: number;
  /** Largest body JSON-parsed to check X-Signature-V2 / X-Signature-Simple (default 1 MiB). */
  maxParseBytes?: number;
  /** Time to receive the request headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time to receive the whole request (default 15 s). */
  requestTimeoutMs?: number;
  /** Idle keep-alive connections are closed after this (default 5 s). */
  keepAliveTimeoutMs?: number;
  /**
   * How often Node checks the two timeouts above (default 500 ms). Node's own default is 30 s, which let a
   * 10 s headers timeout run for up to 40 s.
   */
  timeoutCheckIntervalMs?: number;
}

const DEFAULTS: Required<WebhookReceiverOptions> = {
  maxBodyBytes: 5 * 1024 * 1024,
  maxParseBytes: WEBHOOK_MAX_PARSE_BYTES,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 500,
};

export interface WebhookReceiverDeps {
  /** Webhook secrets of the connections that have one. */
  secrets(): Promise<{ connectionId: string; secret: string }[]>;
  /** Records a replay key (at most 200 characters); false when it was seen before. */
  rememberEvent(key: string): boolean;
  /** Called after the 200 went out, for event types that name a session to refetch. */
  onEvent(connectionId: string, payload: WebhookPayload): void;
}

type Verdict =
  | { status: 200; connectionId: string; payload: WebhookPayload | null }
  | { status: 400 | 401 | 409 | 413; detail: string };

const FAILURE_ANSWERS: Record<WebhookFailure, { status: 400 | 401 | 413; detail: string }> = {
  missing_signature: { status: 401, detail: 'Missing X-Signature, X-Signature-V2 and X-Signature-Simple.' },
  bad_signature: { status: 401, detail: 'Invalid signature.' },
  body_too_large: {
    status: 413,
    detail: 'Body too large to check X-Signature-V2 or X-Signature-Simple; X-Signature did not match.',
  },
  malformed_body: { status: 400, detail: 'The body is not a JSON object.' },
  missing_timestamp: { status: 401, detail: 'The signed body has no timestamp.' },
  timestamp_mismatch: { status: 401, detail: "X-Timestamp disagrees with the body's timestamp." },
  stale_timestamp: { status: 401, detail: 'Stale timestamp (more than 300 s off).' },
};

export class WebhookReceiver {
  private server: Server | null = null;
  private readonly opts: Required<WebhookReceiverOptions>;
  url: string | null = null;

  constructor(
    private readonly deps: WebhookReceiverDeps,
    options: WebhookReceiverOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  get listening(): boolean {
    return this.server !== null;
  }

  async listen(host: string, port: number): Promise<string> {
    await this.close();
    const server = createServer(
      {
        headersTimeout: this.opts.headersTimeoutMs,
        requestTimeout: this.opts.requestTimeoutMs,
        keepAliveTimeout: this.opts.keepAliveTimeoutMs,
        connectionsCheckingInterval: this.opts.timeoutCheckIntervalMs,
      },
      (req, res) => void this.handle(req, res),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost}:${address.port}${WEBHOOK_PATH}`;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.url = null;
    if (server === null) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '').split('?')[0];
      if (path !== WEBHOOK_PATH && path !== WEBHOOK_PATH.slice(0, -1)) return reply(res, 404, 'Not found.');
      if (req.method !== 'POST') return reply(res, 405, 'Only POST is accepted here.');
      const body = await readBody(req, this.opts.maxBodyBytes);
      if (body === null) return replyAndClose(req, res, 413, `Body larger than ${this.opts.maxBodyBytes} bytes.`);
      const verdict = await this.verify(body, req.headers);
      if (verdict.status !== 200) return reply(res, verdict.status, verdict.detail);
      reply(res, 200, 'Received.');
      if (verdict.payload !== null) this.deps.onEvent(verdict.connectionId, verdict.payload);
    } catch (err) {
      if (!res.headersSent && !req.socket.destroyed) {
        reply(res, 400, err instanceof Error ? err.message : 'Unreadable request.');
      }
    }
  }

  private async verify(body: Buffer, headers: IncomingMessage['headers']): Promise<Verdict> {
    const secrets = await this.deps.secrets();
    if (secrets.length === 0) return { status: 401, detail: 'No connection has a webhook secret.' };
    const result = await verifyWebhook(
      secrets.map((s) => s.secret),
      body,
      headers,
      { maxParseBytes: this.opts.maxParseBytes },
    );
    if (!result.ok) return FAILURE_ANSWERS[result.reason];
    const connectionId = secrets[result.secretIndex].connectionId;
    const type = result.payload.webhook_type;
    if (typeof type !== 'string' || type === '') return { status: 400, detail: 'The body has no webhook_type.' };
    // Acknowledged so Didit does not retry, and otherwise ignored: nothing here names a session to refetch.
    if (!REFETCH_EVENTS.has(type)) return { status: 200, connectionId, payload: null };
    const parsed = webhookPayloadSchema.safeParse(result.payload);
    if (!parsed.success) return { status: 400, detail: `A ${type} event needs a session_id.` };
    if (!this.rememberDelivery(result.payload, result.method))
      return { status: 409, detail: 'Event already received.' };
    return { status: 200, connectionId, payload: parsed.data };
  }

  /**
   * Replay check on what the signature covers, so that replaying a delivery under another of its signatures does
   * not get past it. Keys, hashed: the body's canonical form (covered by X-Signature and X-Signature-V2), the
   * `event_id` when one of those two signed it (a retry re-stamped with a new timestamp keeps it), and the fields
   * X-Signature-Simple covers. A Simple-verified delivery is checked on those fields only (nothing else of it is
   * signed); the others record them but are not refused on them, so two distinct changes to a session within the
   * same second both get through.
   */
  private rememberDelivery(payload: Record<string, unknown>, method: WebhookSignatureMethod): boolean {
    const fieldsKey = hashKey('f', simpleSignatureInput(payload));
    if (method === 'simple') return this.deps.rememberEvent(fieldsKey);
    this.deps.rememberEvent(fieldsKey);
    const fresh = [this.deps.rememberEvent(hashKey('c', v2CanonicalJson(payload)))];
    const eventId = payload.event_id;
    if (typeof eventId === 'string' && eventId !== '') fresh.push(this.deps.rememberEvent(hashKey('e', eventId)));
    return fresh.every(Boolean);
  }
}

function hashKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('hex')}`;
}

function reply(res: ServerResponse, status: number, detail: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(status === 200 ? { received: true } : { detail });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

/** Answers without reading the rest of the body, then closes the connection instead of draining it. */
function replyAndClose(req: IncomingMessage, res: ServerResponse, status: number, detail: string): void {
  res.once('finish', () => req.socket.destroy());
  reply(res, status, detail, { connection: 'close' });
}

/** The raw body, or null as soon as it is known to exceed `max` bytes (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        done();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    // Closed before the end without an error (e.g. cut by the request timeout).
    const onClose = () => onError(new Error('The connection closed before the body was complete.'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
