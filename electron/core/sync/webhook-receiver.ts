/**
 * The webhook receiver (off by default): a plain node:http server that reads the raw body, verifies X-Signature-V2
 * with the shared module against each connection's webhook secret, rejects stale timestamps and replayed event ids
 * (remembered in the cache, so across restarts too), answers 200 at once, and only then hands the event on; the
 * session itself is fetched through the same path as the poller, never taken from the delivery.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookPayloadSchema, type WebhookPayload } from '../../../shared/api.js';
import { verifyWebhook } from '../../../shared/webhook-signing.js';

const WEBHOOK_PATH = '/webhook/';
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface WebhookReceiverDeps {
  /** Webhook secrets of the connections that have one. */
  secrets(): Promise<{ connectionId: string; secret: string }[]>;
  /** False when the event id was seen before. */
  rememberEvent(eventId: string): boolean;
  /** Called after the 200 went out. */
  onEvent(connectionId: string, payload: WebhookPayload): void;
}

export class WebhookReceiver {
  private server: Server | null = null;
  url: string | null = null;

  constructor(private readonly deps: WebhookReceiverDeps) {}

  get listening(): boolean {
    return this.server !== null;
  }

  async listen(host: string, port: number): Promise<string> {
    await this.close();
    const server = createServer((req, res) => void this.handle(req, res));
    server.requestTimeout = 15_000;
    server.headersTimeout = 10_000;
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
      const body = await readBody(req);
      if (body === null) return reply(res, 413, `Body larger than ${MAX_BODY_BYTES} bytes.`);
      const verdict = await this.verify(body, req.headers);
      if (verdict.status !== 200) return reply(res, verdict.status, verdict.detail);
      reply(res, 200, 'Received.');
      this.deps.onEvent(verdict.connectionId, verdict.payload);
    } catch (err) {
      if (!res.headersSent) reply(res, 400, err instanceof Error ? err.message : 'Unreadable request.');
    }
  }

  private async verify(
    body: Buffer,
    headers: IncomingMessage['headers'],
  ): Promise<
    { status: 200; connectionId: string; payload: WebhookPayload } | { status: 400 | 401 | 409; detail: string }
  > {
    const secrets = await this.deps.secrets();
    if (secrets.length === 0) return { status: 401, detail: 'No connection has a webhook secret.' };
    for (const { connectionId, secret } of secrets) {
      const result = await verifyWebhook(secret, body, headers);
      if (!result.ok && result.reason === 'bad_signature') continue;
      if (!result.ok) {
        if (result.reason === 'malformed_body') return { status: 400, detail: 'The body is not a JSON object.' };
        if (result.reason === 'stale_timestamp')
          return { status: 401, detail: 'Stale X-Timestamp (more than 300 s off).' };
        if (result.reason === 'missing_timestamp') return { status: 401, detail: 'Missing or invalid X-Timestamp.' };
        return { status: 401, detail: 'Missing X-Signature-V2.' };
      }
      const parsed = webhookPayloadSchema.safeParse(result.payload);
      if (!parsed.success) return { status: 400, detail: 'Not a status.updated event this app understands.' };
      if (!this.deps.rememberEvent(parsed.data.event_id)) return { status: 409, detail: 'Event already received.' };
      return { status: 200, connectionId, payload: parsed.data };
    }
    return { status: 401, detail: 'Invalid signature.' };
  }
}

function reply(res: ServerResponse, status: number, detail: string): void {
  const body = JSON.stringify(status === 200 ? { received: true } : { detail });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The raw body, or null when it is too big (the rest is drained so the sender sees our answer). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooBig = true;
    if (!tooBig) chunks.push(chunk as Buffer);
  }
  return tooBig ? null : Buffer.concat(chunks);
}
