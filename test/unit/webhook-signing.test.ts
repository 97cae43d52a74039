import { describe, expect, it } from 'vitest';
import { canonicalJson, hmacHex, signWebhook, verifyWebhook } from '../../shared/webhook-signing.js';

// Expected HMACs computed independently with `openssl dgst -sha256 -hmac whsec_test_2026` over the literal strings.
const SECRET = 'whsec_test_2026';
const vectors = [
  {
    name: 'nested objects, arrays of objects, empty array and object',
    input: { z: 1, a: [{ c: 1, b: 2 }, { d: { f: {}, e: [] } }] },
    canonical: '{"a":[{"b":2,"c":1},{"d":{"e":[],"f":{}}}],"z":1}',
    hmac: '2753d2228d5a749ccd72cacd0c9ce323285ab07b664b5a34fbddfce9495d9851',
  },
  {
    name: 'unicode left as is',
    input: { name: 'Muñoz', island: 'Ærø', city: '東京' },
    canonical: '{"city":"東京","island":"Ærø","name":"Muñoz"}',
    hmac: '6145af4db8170689d5cda685eb5fac172abf61b2eacb90c790efc59aa5b2cce3',
  },
  {
    name: 'floats 97.0, 0.5, 1e-7 and a large integer',
    input: JSON.parse('{"score": 97.0, "half": 0.5, "tiny": 0.0000001, "big": 9007199254740991}'),
    canonical: '{"big":9007199254740991,"half":0.5,"score":97,"tiny":1e-7}',
    hmac: '27c883c4bb1356aaa538abfa1ca03f6f4f792faed754cd3eca3542b537f2de73',
  },
];

describe('X-Signature-V2 canonical form', () => {
  for (const v of vectors) {
    it(`${v.name}`, async () => {
      expect(canonicalJson(v.input)).toBe(v.canonical);
      expect(await hmacHex(SECRET, canonicalJson(v.input))).toBe(v.hmac);
    });
  }
});

describe('signWebhook / verifyWebhook', () => {
  const now = 1_700_000_000;
  const payload = {
    event_id: 'evt-1',
    webhook_type: 'status.updated',
    session_id: '0b1e7a57-6f33-4c83-9b43-2f3e5c1d9a10',
    status: 'Approved',
    timestamp: now,
    created_at: now,
    decision: { z: [1, 2], a: { name: 'Muñoz', score: 97.5 } },
  };

  it('signs the simple form with the fixed vector and X-Signature over the exact body bytes', async () => {
    const { body, headers } = await signWebhook(SECRET, payload);
    expect(headers['x-signature-simple']).toBe('1c5d5dfa9d37e0cbf911e99b140b5729d2fc36926dae9470cd1a020389f81118');
    expect(headers['x-signature']).toBe(await hmacHex(SECRET, body));
    expect(headers['x-timestamp']).toBe(String(now));
  });

  it('accepts a delivery re-serialised with other whitespace and key order (V2 is over the canonical form)', async () => {
    const { headers } = await signWebhook(SECRET, payload);
    const reordered = JSON.stringify({ ...payload, decision: { a: payload.decision.a, z: [1, 2] } }, null, 2);
    const result = await verifyWebhook(SECRET, new TextEncoder().encode(reordered), headers, now + 10);
    expect(result.ok).toBe(true);
  });

  it('rejects a wrong secret, a tampered body, a missing signature and non-hex garbage', async () => {
    const { body, headers } = await signWebhook(SECRET, payload);
    expect(await verifyWebhook('other-secret', body, headers, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const tampered = body.replace('Approved', 'Declined');
    expect(await verifyWebhook(SECRET, tampered, headers, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const { 'x-signature-v2': _dropped, ...unsigned } = headers;
    expect(await verifyWebhook(SECRET, body, unsigned, now)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(await verifyWebhook(SECRET, body, { ...headers, 'x-signature-v2': 'zz' }, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyWebhook(SECRET, '{not json', headers, now)).toEqual({ ok: false, reason: 'malformed_body' });
  });

  it('rejects an X-Timestamp more than 300 s away, in either direction, and accepts 300 s exactly', async () => {
    const { body, headers } = await signWebhook(SECRET, payload);
    expect(await verifyWebhook(SECRET, body, headers, now + 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(await verifyWebhook(SECRET, body, headers, now - 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect((await verifyWebhook(SECRET, body, headers, now + 300)).ok).toBe(true);
  });
});
