/**
 * The browser host's HTTP server (node:http, 127.0.0.1 only): the built renderer, the ReviewerApi as
 * `POST /api/<method>`, engine events as server-sent events on `GET /api/events`, cached media on
 * `GET /media?session=&locator=`. Authentication is described in host-auth.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReviewerErrorBody } from '../../shared/reviewer-errors.js';
import type { HostedEngine } from '../host/hosted-engine.js';
import { invokeReviewer, isReviewerMethod } from '../host/invoke.js';
import { mediaResponse } from '../host/media.js';
import { HARDENING_HEADERS, readRendererFile, rendererCsp } from '../host/renderer-files.js';
import { isAuthorized, isLaunchToken, isOurHost, isOurOrigin, sessionCookie } from './host-auth.js';
import { httpStatusFor } from './http-status.js';

export interface HostServerOptions {
  engine: HostedEngine;
  token: string;
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Shorter timeouts for tests; the defaults suit a browser on the same machine. */
  timeouts?: HostServerTimeouts;
}

export interface HostServerTimeouts {
  /** Time to receive a request's headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (default 30 s). A server-sent event stream is not affected. */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this (default 5 s). */
  keepAliveTimeoutMs?: number;
}

const DEFAULT_TIMEOUTS: Required<HostServerTimeouts> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};
/**
 * How often Node checks the headers and request timeouts. Node's default is 30 s, which let a 10 s headers timeout
 * run for up to 40 s.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 500;

export interface HostServer {
  origin: string;
  /** The URL to open once: it trades the token for the session cookie. */
  launchUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
/**
 * Of a body over MAX_BODY_BYTES, at most this much more is read and dropped, so that a client still writing its
 * (slightly) oversized body sees the 413 rather than a reset; past it, or when the declared length is beyond it,
 * the host answers 413 and closes the connection instead of reading on.
 */
const MAX_DRAIN_BYTES = 1_000_000;
const HEARTBEAT_MS = 15_000;

class BodyTooLarge extends Error {
  /** True when the rest of the body was not read: the connection must be closed after the answer. */
  constructor(readonly close: boolean) {
    super('body too large');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, {
    ...HARDENING_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ReviewerErrorBody): void {
  sendJson(res, status, error);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...HARDENING_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

/**
 * The body as text, refusing more than MAX_BODY_BYTES. Up to MAX_DRAIN_BYTES beyond that are read and dropped (the
 * connection stays usable); a body declared or found to be larger still is not read further.
 */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES + MAX_DRAIN_BYTES) {
    return Promise.reject(new BodyTooLarge(true));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_BODY_BYTES + MAX_DRAIN_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.pause();
        reject(new BodyTooLarge(true));
      }
    };
    const onEnd = () =>
      size > MAX_BODY_BYTES ? reject(new BodyTooLarge(false)) : resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * Where the launch link sends the browser once the token is a cookie: the same path and query on this host. A path
 * that starts with `//` or `/\\` (e.g. from `/.//evil.example/`) would be read as another host, so leading slashes
 * and backslashes are collapsed into one.
 */
function localRedirect(url: URL): string {
  const location = `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
  return new URL(location, 'http://127.0.0.1').host === '127.0.0.1' ? location : '/';
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const { engine, token, rendererDir } = opts;
  const streams = new Set<ServerResponse>();
  let port = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'validation', message: 'ReviewerApi methods are called with POST.' });
      return;
    }
    if (!isReviewerMethod(method)) {
      sendError(res, 404, { code: 'not_found', message: 'No such ReviewerApi method.' });
      return;
    }
    if (!isOurOrigin(req, port)) {
      sendError(res, 403, { code: 'forbidden', message: 'Cross-origin calls are refused.' });
      return;
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    let text: string;
    try {
      text = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        const error = { code: 'validation', message: `The request body is over ${MAX_BODY_BYTES} bytes.` } as const;
        if (err.close) {
          // The rest of the body is never read: answer, then close the connection rather than drain it.
          res.once('finish', () => req.socket.destroy());
          sendJson(res, 413, error, { connection: 'close' });
        } else sendError(res, 413, error);
        return;
      }
      throw err;
    }
    if (text.trim() !== '' && type !== 'application/json') {
      sendError(res, 415, { code: 'validation', message: 'Send the input as application/json.' });
      return;
    }
    let input: unknown = {};
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch {
        sendError(res, 400, { code: 'validation', message: 'The request body is not valid JSON.' });
        return;
      }
    }
    const result = await invokeReviewer(engine, method, input);
    if (result.ok) sendJson(res, 200, result.value);
    else sendError(res, httpStatusFor(result.error.code), result.error);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...HARDENING_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const unsubscribe = engine.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function handleMedia(res: ServerResponse, url: URL): Promise<void> {
    const media = await mediaResponse(engine, url.searchParams.get('session'), url.searchParams.get('locator'));
    res.writeHead(media.status, { ...HARDENING_HEADERS, ...media.headers });
    res.end(media.body);
  }

  async function handlePage(res: ServerResponse, path: string): Promise<void> {
    const file = await readRendererFile(rendererDir, path);
    if (!file) {
      sendText(res, 404, 'Not found.');
      return;
    }
    const hashedAsset = path.startsWith('/assets/');
    res.writeHead(200, {
      ...HARDENING_HEADERS,
      'content-type': file.contentType,
      'content-security-policy': rendererCsp(),
      'cache-control': hashedAsset ? 'private, max-age=31536000, immutable' : 'no-store',
      'content-length': file.bytes.length,
    });
    res.end(file.bytes);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOurHost(req, port)) {
      sendText(res, 421, 'This host only answers to 127.0.0.1 or localhost.');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      sendText(res, 400, 'Bad request URL.');
      return;
    }
    const launchToken = url.searchParams.get('token');
    if (req.method === 'GET' && launchToken !== null) {
      if (!isLaunchToken(launchToken, token)) {
        sendText(res, 401, 'This launch link is not valid for the running Countersign host. Open the URL it printed.');
        return;
      }
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...HARDENING_HEADERS,
        location: localRedirect(url),
        'set-cookie': sessionCookie(port, token),
      });
      res.end();
      return;
    }
    if (!isAuthorized(req, port, token)) {
      res.setHeader('www-authenticate', 'Bearer realm="countersign"');
      if (url.pathname.startsWith('/api/')) {
        sendError(res, 401, { code: 'forbidden', message: 'Missing or wrong Countersign host token.' });
      } else {
        sendText(res, 401, "Open the URL printed by `npm run serve` (it carries this launch's token).");
      }
      return;
    }
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') sendError(res, 405, { code: 'validation', message: 'Events are read with GET.' });
      else handleEvents(req, res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url.pathname.slice('/api/'.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    if (url.pathname === '/media') await handleMedia(res, url);
    else await handlePage(res, url.pathname);
  }

  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const serverOptions = {
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
  const server = createServer(serverOptions, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(`countersign host: request failed: ${err instanceof Error ? err.name : typeof err}`);
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'The host failed to answer.' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    launchUrl: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
