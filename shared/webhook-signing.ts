/**
 * Webhook signing (sandbox) and verification (app), didit-api.md section 5.
 * Web Crypto only, so the module runs in Node and in a browser alike; HMAC verification goes through
 * `crypto.subtle.verify`, which compares in constant time.
 */
import { WEBHOOK_MAX_SKEW_SECONDS } from './api.js';

/** A type alias (not an interface) so it is assignable to a plain header record. */
export type WebhookSignatureHeaders = {
  'x-signature-v2': string;
  'x-signature': string;
  'x-signature-simple': string;
  'x-timestamp': string;
};

const encoder = new TextEncoder();

/**
 * The V2 canonical form: keys sorted recursively, arrays in order, floats with no fractional part written as
 * integers (JSON.stringify already does that in JavaScript), no whitespace, non-ASCII left as is.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function simpleSignatureInput(p: {
  timestamp: number | string;
  session_id: string;
  status: string;
  webhook_type: string;
}): string {
  return `${p.timestamp}:${p.session_id}:${p.status}:${p.webhook_type}`;
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function toHex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function hmacHex(secret: string, data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), bytes as Uint8Array<ArrayBuffer>));
}

/**
 * Serialises a delivery body and signs it. The body bytes returned are exactly what must be sent.
 */
export async function signWebhook(
  secret: string,
  payload: { timestamp: number; session_id: string; status: string; webhook_type: string } & Record<string, unknown>,
): Promise<{ body: string; headers: WebhookSignatureHeaders }> {
  const body = JSON.stringify(payload);
  const [v2, raw, simple] = await Promise.all([
    hmacHex(secret, canonicalJson(payload)),
    hmacHex(secret, body),
    hmacHex(secret, simpleSignatureInput(payload)),
  ]);
  return {
    body,
    headers: {
      'x-signature-v2': v2,
      'x-signature': raw,
      'x-signature-simple': simple,
      'x-timestamp': String(payload.timestamp),
    },
  };
}

export type WebhookVerification =
  | { ok: true; payload: Record<string, unknown> }
  | {
      ok: false;
      reason: 'missing_signature' | 'bad_signature' | 'malformed_body' | 'missing_timestamp' | 'stale_timestamp';
    };

/**
 * Verifies a delivery from its raw body bytes and headers (names lowercase). Checks X-Signature-V2 over the
 * canonical form of the parsed raw body, then X-Timestamp freshness. Replay (`event_id`) is the receiver's job:
 * only it knows which ids it has seen.
 */
export async function verifyWebhook(
  secret: string,
  rawBody: Uint8Array | string,
  headers: Record<string, string | string[] | undefined>,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<WebhookVerification> {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const signature = header('x-signature-v2');
  if (!signature) return { ok: false, reason: 'missing_signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody));
  } catch {
    return { ok: false, reason: 'malformed_body' };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, reason: 'malformed_body' };
  }
  const sigBytes = fromHex(signature.trim());
  const valid =
    sigBytes !== null &&
    (await crypto.subtle.verify('HMAC', await hmacKey(secret), sigBytes, encoder.encode(canonicalJson(payload))));
  if (!valid) return { ok: false, reason: 'bad_signature' };
  const timestamp = Number(header('x-timestamp'));
  if (!Number.isFinite(timestamp) || header('x-timestamp') === undefined)
    return { ok: false, reason: 'missing_timestamp' };
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_MAX_SKEW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, payload: payload as Record<string, unknown> };
}
