/**
 * Webhook signing (sandbox) and verification (app): the three signatures Didit sends (docs/didit-api.md §11,
 * test/fixtures/didit/SIGNATURES.md).
 * - `X-Signature`: HMAC-SHA256 hex of the raw body bytes. Checked first, before any JSON parse.
 * - `X-Signature-V2`: HMAC of `JSON.stringify(sortKeys(shortenFloats(payload)))` (the seed's §6 algorithm). The docs
 *   call it "ASCII-escaped JSON", so the verifier also accepts the same text with every character above 0x7E
 *   written as a lowercase `\uXXXX` escape.
 * - `X-Signature-Simple`: HMAC of `${timestamp}:${session_id}:${status}:${webhook_type}` (body fields).
 * Freshness comes from the signed body's `timestamp`; an `X-Timestamp` header that disagrees with it is refused.
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

/** What Didit's deliveries carry as User-Agent (docs.didit.me/integration/webhooks). */
export const WEBHOOK_USER_AGENT = 'DiditWebhook/2.0 +https://didit.me';

/**
 * Bodies above this size are never JSON-parsed to check V2 or Simple (both need the parsed body). Didit's
 * deliveries are a few kB to a few hundred kB; a raw-body signature (`X-Signature`) is checked at any size.
 */
export const WEBHOOK_MAX_PARSE_BYTES = 1024 * 1024;

const encoder = new TextEncoder();

/**
 * Keys sorted recursively, arrays in order, no whitespace, non-ASCII left as is. Also the audit chain's canonical
 * form, so its output must never change.
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

/**
 * The seed's `shortenFloats`: a float with no fractional part (`97.0` from a Python sender) is hashed as an
 * integer. In JavaScript a parsed `97.0` already is `97` and `JSON.stringify` writes `97`, so this only normalises
 * `-0`; it is kept so the algorithm reads as the seed states it.
 */
export function shortenFloats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shortenFloats);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shortenFloats(v);
    return out;
  }
  if (typeof value === 'number' && Number.isFinite(value) && value % 1 === 0) return Math.trunc(value) + 0;
  return value;
}

/** The V2 canonical text as the seed states it: sortKeys, shortenFloats, `JSON.stringify`. */
export function v2CanonicalJson(payload: unknown): string {
  return JSON.stringify(sortKeys(shortenFloats(payload)));
}

/** The "ASCII-escaped" variant: every UTF-16 code unit above 0x7E as lowercase `\uXXXX` (Python `ensure_ascii`). */
export function asciiEscapeJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function field(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** The X-Signature-Simple message; a missing field is an empty string. */
export function simpleSignatureInput(p: Record<string, unknown>): string {
  return `${field(p.timestamp)}:${field(p.session_id)}:${field(p.status)}:${field(p.webhook_type)}`;
}

/** Web Crypto's key type, named through `crypto` because Node's types have no global `CryptoKey`. */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

async function hmacKey(secret: string): Promise<HmacKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

function toHex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A SHA-256 digest is 32 bytes: anything else cannot match and is not decoded. */
function fromHex(hex: string | undefined): Uint8Array<ArrayBuffer> | null {
  if (hex === undefined) return null;
  const trimmed = hex.trim();
  if (!/^[0-9a-f]{64}$/i.test(trimmed)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(trimmed.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesOf(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return (typeof data === 'string' ? encoder.encode(data) : data) as Uint8Array<ArrayBuffer>;
}

export async function hmacHex(secret: string, data: string | Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), bytesOf(data)));
}

/**
 * Serialises a delivery body (compact `JSON.stringify`, as Didit's sender does) and signs it three ways. The body
 * bytes returned are exactly what must be sent.
 */
export async function signWebhook(
  secret: string,
  payload: { timestamp: number } & Record<string, unknown>,
): Promise<{ body: string; headers: WebhookSignatureHeaders }> {
  const body = JSON.stringify(payload);
  const [v2, raw, simple] = await Promise.all([
    hmacHex(secret, v2CanonicalJson(payload)),
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

/** Which signature verified: `raw` is X-Signature, `v2` / `v2-ascii` the two V2 canonical forms. */
export type WebhookSignatureMethod = 'raw' | 'v2' | 'v2-ascii' | 'simple';

export type WebhookFailure =
  | 'missing_signature'
  | 'bad_signature'
  | 'body_too_large'
  | 'malformed_body'
  | 'missing_timestamp'
  | 'timestamp_mismatch'
  | 'stale_timestamp';

export type WebhookVerification =
  | {
      ok: true;
      payload: Record<string, unknown>;
      method: WebhookSignatureMethod;
      /** Index of the secret that verified, in the order given. */
      secretIndex: number;
      /** The body's `timestamp` (Unix seconds). */
      timestamp: number;
    }
  | { ok: false; reason: WebhookFailure };

export interface VerifyOptions {
  nowSeconds?: number;
  /** Largest body JSON-parsed to check V2 or Simple; default WEBHOOK_MAX_PARSE_BYTES. */
  maxParseBytes?: number;
}

type Headers = Record<string, string | string[] | undefined>;

function headerOf(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parseObject(bytes: Uint8Array): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Index of the first key whose HMAC of `data` equals `signature`, or -1. */
async function firstMatch(keys: HmacKey[], signature: Uint8Array<ArrayBuffer>, data: Uint8Array): Promise<number> {
  for (let i = 0; i < keys.length; i++) {
    if (await crypto.subtle.verify('HMAC', keys[i], signature, data as Uint8Array<ArrayBuffer>)) return i;
  }
  return -1;
}

/** The body's `timestamp` as Unix seconds: a number or a decimal string. */
function bodyTimestamp(payload: Record<string, unknown>): number | null {
  const t = payload.timestamp;
  const n = typeof t === 'number' ? t : typeof t === 'string' && /^\d+(?:\.\d+)?$/.test(t.trim()) ? Number(t) : NaN;
  return Number.isFinite(n) ? n : null;
}

/**
 * Verifies a delivery from its raw body bytes and headers (names lowercase) against one or more secrets.
 * Order: `X-Signature` over the raw bytes (no parse at all when it fails and no other signature header is
 * present); then, only for bodies up to `maxParseBytes`, one JSON parse and `X-Signature-V2` in both canonical
 * forms, then `X-Signature-Simple`. Then freshness from the signed body's `timestamp` (an `X-Timestamp` header that
 * disagrees is refused). Replay is the receiver's job: only it knows which events it has seen.
 */
export async function verifyWebhook(
  secrets: string | readonly string[],
  rawBody: Uint8Array | string,
  headers: Headers,
  options: VerifyOptions | number = {},
): Promise<WebhookVerification> {
  const opts = typeof options === 'number' ? { nowSeconds: options } : options;
  const nowSeconds = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  const maxParseBytes = opts.maxParseBytes ?? WEBHOOK_MAX_PARSE_BYTES;
  const rawHeader = headerOf(headers, 'x-signature');
  const v2Header = headerOf(headers, 'x-signature-v2');
  const simpleHeader = headerOf(headers, 'x-signature-simple');
  if (!rawHeader && !v2Header && !simpleHeader) return { ok: false, reason: 'missing_signature' };

  const keys = await Promise.all((typeof secrets === 'string' ? [secrets] : secrets).map(hmacKey));
  const bytes = bytesOf(rawBody);
  let payload: Record<string, unknown> | null = null;
  let method: WebhookSignatureMethod | null = null;
  let secretIndex = -1;

  const rawSig = fromHex(rawHeader);
  if (rawSig !== null) {
    secretIndex = await firstMatch(keys, rawSig, bytes);
    if (secretIndex >= 0) {
      method = 'raw';
      payload = parseObject(bytes);
      if (payload === null) return { ok: false, reason: 'malformed_body' };
    }
  }

  if (method === null) {
    if (!v2Header && !simpleHeader) return { ok: false, reason: 'bad_signature' };
    if (bytes.length > maxParseBytes) return { ok: false, reason: 'body_too_large' };
    payload = parseObject(bytes);
    if (payload === null) return { ok: false, reason: 'malformed_body' };
    const v2Sig = fromHex(v2Header);
    if (v2Sig !== null) {
      const plain = v2CanonicalJson(payload);
      secretIndex = await firstMatch(keys, v2Sig, encoder.encode(plain));
      if (secretIndex >= 0) method = 'v2';
      else {
        const escaped = asciiEscapeJson(plain);
        if (escaped !== plain) {
          secretIndex = await firstMatch(keys, v2Sig, encoder.encode(escaped));
          if (secretIndex >= 0) method = 'v2-ascii';
        }
      }
    }
    const simpleSig = fromHex(simpleHeader);
    if (method === null && simpleSig !== null) {
      secretIndex = await firstMatch(keys, simpleSig, encoder.encode(simpleSignatureInput(payload)));
      if (secretIndex >= 0) method = 'simple';
    }
    if (method === null) return { ok: false, reason: 'bad_signature' };
  }

  const body = payload as Record<string, unknown>;
  const timestamp = bodyTimestamp(body);
  if (timestamp === null) return { ok: false, reason: 'missing_timestamp' };
  const headerTs = headerOf(headers, 'x-timestamp');
  if (headerTs !== undefined && Number(headerTs.trim()) !== timestamp)
    return { ok: false, reason: 'timestamp_mismatch' };
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_MAX_SKEW_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true, payload: body, method, secretIndex, timestamp };
}
