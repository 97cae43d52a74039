/**
 * Hardening of the engine's webhook receiver (issue 11, security audit), on the real node:http server with fake
 * secrets and replay memory:
 * - its timeouts apply within about their configured value (Node checks them every `connectionsCheckingInterval`,
 *   30 s by default: a 10 s headers timeout used to become up to 40 s);
 * - a 5 MiB body that is not signed costs no JSON parse and does not stall the event loop;
 * - an oversized body is answered 413 and its connection closed instead of drained.
 */
import { connect, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacHex } from '../../shared/didit/webhook-signing.js';
import { WebhookReceiver, type WebhookReceiverOptions } from '../../electron/core/sync/webhook-receiver.js';

const SECRET = 'whsec_hardening';

async function startReceiver(options: WebhookReceiverOptions = {}) {
  const seen = new Set<string>();
  const events: string[] = [];
  const receiver = new WebhookReceiver(
    {
      secrets: async () => [{ connectionId: 'c1', secret: SECRET }],
      rememberEvent: (key) => !seen.has(key) && Boolean(seen.add(key)),
      onEvent: (_connectionId, payload) => events.push(payload.session_id),
    },
    options,
  );
  const url = await receiver.listen('127.0.0.1', 0);
  return { receiver, url, port: Number(new URL(url).port), events };
}

/** Opens a raw connection and resolves with what the server wrote and when it closed the connection. */
function rawConnection(port: number): {
  socket: Socket;
  closed: Promise<{ afterMs: number; answer: string }>;
} {
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let answer = '';
  socket.on('data', (d) => (answer += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ afterMs: number; answer: string }>((resolve) =>
    socket.on('close', () => resolve({ afterMs: Date.now() - started, answer })),
  );
  return { socket, closed };
}

let running: WebhookReceiver | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.close();
  running = null;
});

describe('webhook receiver timeouts', () => {
  it('cuts off a slow-body client within about the configured request timeout', async () => {
    const r = await startReceiver({ headersTimeoutMs: 800, requestTimeoutMs: 1_500 });
    running = r.receiver;
    const { socket, closed } = rawConnection(r.port);
    socket.write(
      'POST /webhook/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    );
    // One byte every 100 ms: never idle long enough for a socket idle timeout, never complete.
    const drip = setInterval(() => socket.writable && socket.write(' '), 100);
    try {
      const { afterMs, answer } = await closed;
      expect(afterMs).toBeGreaterThanOrEqual(1_400);
      // Checked every 500 ms by default, plus scheduling slack: far below Node's 30 s check interval.
      expect(afterMs).toBeLessThan(3_500);
      expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
  });

  it('with the default settings, cuts off a client that never finishes its headers after about 10 s', async () => {
    const r = await startReceiver();
    running = r.receiver;
    const { socket, closed } = rawConnection(r.port);
    socket.write('POST /webhook/ HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 500);
    try {
      const { afterMs } = await closed;
      expect(afterMs).toBeGreaterThanOrEqual(9_500);
      expect(afterMs).toBeLessThan(12_500);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
  }, 30_000);
});

describe('webhook receiver and large bodies', () => {
  // 5 MiB of valid JSON, so that a parse would cost real time (half a million small objects; the old receiver
  // parsed, key-sorted and re-serialised all of it before checking X-Signature-V2).
  const junk = `{"webhook_type":"status.updated","session_id":"s","timestamp":1,"a":[${'{"k":1},'.repeat(Math.floor((5 * 1024 * 1024 - 80) / 8))}1]}`;

  it('refuses a 5 MiB body under bogus signatures without JSON.parse and without stalling the event loop', async () => {
    const r = await startReceiver();
    running = r.receiver;
    expect(junk.length).toBeGreaterThan(5 * 1024 * 1024 - 100);
    expect(junk.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    const parse = vi.spyOn(JSON, 'parse');
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const bogus = 'ab'.repeat(32);
    for (const headers of [
      { 'x-signature': bogus },
      { 'x-signature': bogus, 'x-signature-v2': bogus, 'x-signature-simple': bogus, 'x-timestamp': '1' },
    ]) {
      const res = await request(r.url, { method: 'POST', body: junk, headers });
      expect([401, 413]).toContain(res.statusCode);
      await res.body.dump();
    }
    delay.disable();
    const bigParses = parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 1024 * 1024);
    expect(bigParses).toEqual([]);
    // Parsing and re-serialising 5 MiB blocks the loop for well over 100 ms; reading and HMAC-ing it (Web Crypto
    // runs off the main thread) about 20 ms.
    expect(delay.max / 1e6).toBeLessThan(100);
    expect(r.events).toEqual([]);
  });

  it('still accepts a large body whose raw signature verifies', async () => {
    const r = await startReceiver();
    running = r.receiver;
    const body = JSON.stringify({
      webhook_type: 'status.updated',
      session_id: 'big-1',
      timestamp: Math.floor(Date.now() / 1000),
      pad: 'x'.repeat(2 * 1024 * 1024),
    });
    const res = await request(r.url, {
      method: 'POST',
      body,
      headers: { 'x-signature': await hmacHex(SECRET, body) },
    });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    expect(r.events).toEqual(['big-1']);
  });

  it('answers 413 to an oversized body and closes the connection instead of draining it', async () => {
    const r = await startReceiver({ maxBodyBytes: 64 * 1024 });
    running = r.receiver;
    // Declared too big: refused before reading.
    const declared = await request(r.url, {
      method: 'POST',
      body: 'x'.repeat(65 * 1024),
      headers: { 'content-type': 'application/json' },
    }).catch((err: Error) => err);
    if (!(declared instanceof Error)) {
      expect(declared.statusCode).toBe(413);
      await declared.body.dump();
    }
    // Chunked, without a length: cut once past the cap, long before the 200 MiB the client would send.
    const { socket, closed } = rawConnection(r.port);
    socket.write('POST /webhook/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (socket.writable && sent < 200 * 1024 * 1024) {
        sent += chunk.length;
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
    const { answer } = await closed;
    expect(answer.startsWith('HTTP/1.1 413')).toBe(true);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });
});
