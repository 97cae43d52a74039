import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  asciiEscapeJson,
  canonicalJson,
  hmacHex,
  signWebhook,
  simpleSignatureInput,
  v2CanonicalJson,
  verifyWebhook,
} from '../../shared/didit/webhook-signing.js';

// Expected HMACs computed independently with `printf '%s' '<text>' | openssl dgst -sha256 -hmac whsec_test_2026`
// over the literal strings.
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
      expect(v2CanonicalJson(v.input)).toBe(v.canonical);
      expect(canonicalJson(v.input)).toBe(v.canonical);
      expect(await hmacHex(SECRET, v2CanonicalJson(v.input))).toBe(v.hmac);
    });
  }

  it('matches the seed algorithm written out literally (sortKeys, shortenFloats, JSON.stringify)', () => {
    // The JavaScript helpers integrations copy from Didit's docs (test/fixtures/didit/SIGNATURES.md).
    const shortenFloats = (data: unknown): unknown => {
      if (Array.isArray(data)) return data.map(shortenFloats);
      if (data !== null && typeof data === 'object')
        return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, shortenFloats(v)]));
      if (typeof data === 'number' && !Number.isInteger(data) && data % 1 === 0) return Math.trunc(data);
      return data;
    };
    const sortKeys = (obj: unknown): unknown => {
      if (Array.isArray(obj)) return obj.map(sortKeys);
      if (obj !== null && typeof obj === 'object')
        return Object.keys(obj)
          .sort()
          .reduce<Record<string, unknown>>((r, k) => {
            r[k] = sortKeys((obj as Record<string, unknown>)[k]);
            return r;
          }, {});
      return obj;
    };
    const raw = '{"b":[{"y":1.0,"x":[2.50,{"q":"Española","p":null}]}],"a":-0.0,"é":true,"E":"😀"}';
    expect(v2CanonicalJson(JSON.parse(raw))).toBe(JSON.stringify(sortKeys(shortenFloats(JSON.parse(raw)))));
  });

  it('ASCII-escapes every character above 0x7E as lowercase \\uXXXX, astral ones as surrogate pairs', () => {
    expect(asciiEscapeJson('{"n":"Española","d":"\u007f","e":"😀","t":"東"}')).toBe(
      '{"n":"Espa\\u00f1ola","d":"\\u007f","e":"\\ud83d\\ude00","t":"\\u6771"}',
    );
  });
});

describe('the three signatures on one delivery (non-ASCII, floats, nested arrays)', () => {
  // Written as a Python sender would (", " separators, 42.0, 0.50): X-Signature is over exactly these bytes.
  const raw =
    '{"webhook_type": "status.updated", "session_id": "11111111-2222-3333-4444-555555555555", "status": "Approved", ' +
    '"timestamp": 1753630666, "decision": {"id_verifications": [{"nationality": "Española", "age": 42.0, ' +
    '"scores": [[1, 2.5], [97.0, 0.1]]}], "aml": {"score": 0.50}}}';
  const plain =
    '{"decision":{"aml":{"score":0.5},"id_verifications":[{"age":42,"nationality":"Española","scores":[[1,2.5],[97,0.1]]}]},' +
    '"session_id":"11111111-2222-3333-4444-555555555555","status":"Approved","timestamp":1753630666,"webhook_type":"status.updated"}';
  const escaped = plain.replace('Española', 'Espa\\u00f1ola');
  const simple = '1753630666:11111111-2222-3333-4444-555555555555:Approved:status.updated';
  const expected = {
    raw: 'c1eeef0b696259faca5c2202a65338379c83290e77911d616c33e09bbee51a12',
    v2: 'ecb42989db320f1c34c955b9d241d17e996f430b945873916c10004ae4c79438',
    v2Ascii: 'ffcaf994119037df36321b56072f43de793a41e33dd952a7edd8c97c64391f4b',
    simple: 'aebc527c9ab65b172d1113114500fccdc880b70b9c329b0f96b5065692f62856',
  };
  const now = 1753630666 + 5;
  const bytes = new TextEncoder().encode(raw);

  it('computes the fixed vectors', async () => {
    const parsed = JSON.parse(raw);
    expect(v2CanonicalJson(parsed)).toBe(plain);
    expect(asciiEscapeJson(v2CanonicalJson(parsed))).toBe(escaped);
    expect(simpleSignatureInput(parsed)).toBe(simple);
    expect(await hmacHex(SECRET, bytes)).toBe(expected.raw);
    expect(await hmacHex(SECRET, plain)).toBe(expected.v2);
    expect(await hmacHex(SECRET, escaped)).toBe(expected.v2Ascii);
    expect(await hmacHex(SECRET, simple)).toBe(expected.simple);
  });

  it('accepts each signature on its own and says which one verified', async () => {
    const cases = [
      [{ 'x-signature': expected.raw }, 'raw'],
      [{ 'x-signature-v2': expected.v2 }, 'v2'],
      [{ 'x-signature-v2': expected.v2Ascii }, 'v2-ascii'],
      [{ 'x-signature-simple': expected.simple }, 'simple'],
      [{ 'x-signature': expected.raw.toUpperCase(), 'x-timestamp': '1753630666' }, 'raw'],
    ] as const;
    for (const [headers, method] of cases) {
      const result = await verifyWebhook(SECRET, bytes, headers, now);
      expect(result, method).toMatchObject({ ok: true, method, secretIndex: 0, timestamp: 1753630666 });
    }
  });

  it('checks X-Signature first, then V2, then Simple; a failing one does not hide a later valid one', async () => {
    const bogus = 'ab'.repeat(32);
    const all = { 'x-signature': expected.raw, 'x-signature-v2': bogus, 'x-signature-simple': bogus };
    expect(await verifyWebhook(SECRET, bytes, all, now)).toMatchObject({ ok: true, method: 'raw' });
    const v2Only = { 'x-signature': bogus, 'x-signature-v2': expected.v2Ascii, 'x-signature-simple': bogus };
    expect(await verifyWebhook(SECRET, bytes, v2Only, now)).toMatchObject({ ok: true, method: 'v2-ascii' });
    const simpleOnly = { 'x-signature': bogus, 'x-signature-v2': bogus, 'x-signature-simple': expected.simple };
    expect(await verifyWebhook(SECRET, bytes, simpleOnly, now)).toMatchObject({ ok: true, method: 'simple' });
    expect(
      await verifyWebhook(
        SECRET,
        bytes,
        { 'x-signature': bogus, 'x-signature-v2': bogus, 'x-signature-simple': bogus },
        now,
      ),
    ).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('finds which of several secrets signed', async () => {
    const result = await verifyWebhook(['other', 'another', SECRET], bytes, { 'x-signature-v2': expected.v2 }, now);
    expect(result).toMatchObject({ ok: true, secretIndex: 2 });
  });
});

describe('simpleSignatureInput', () => {
  it('joins timestamp, session_id, status and webhook_type; missing fields are empty', () => {
    expect(simpleSignatureInput({ webhook_type: 'data.updated', session_id: 's1', timestamp: 5 })).toBe(
      '5:s1::data.updated',
    );
  });
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
    expect(headers['x-signature-v2']).toBe(await hmacHex(SECRET, v2CanonicalJson(payload)));
    expect(headers['x-timestamp']).toBe(String(now));
  });

  it('accepts a delivery re-serialised with other whitespace and key order (V2 is over the canonical form)', async () => {
    const { headers } = await signWebhook(SECRET, payload);
    const reordered = JSON.stringify({ ...payload, decision: { a: payload.decision.a, z: [1, 2] } }, null, 2);
    const result = await verifyWebhook(SECRET, new TextEncoder().encode(reordered), headers, now + 10);
    expect(result).toMatchObject({ ok: true, method: 'v2' });
  });

  it('rejects a wrong secret, a tampered body, a missing signature and non-hex garbage', async () => {
    const { body, headers } = await signWebhook(SECRET, payload);
    expect(await verifyWebhook('other-secret', body, headers, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const tampered = body.replace('Approved', 'Declined');
    expect(await verifyWebhook(SECRET, tampered, headers, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyWebhook(SECRET, body, { 'x-timestamp': String(now) }, now)).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    expect(await verifyWebhook(SECRET, body, { 'x-signature-v2': 'zz' }, now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyWebhook(SECRET, '{not json', headers, now)).toEqual({ ok: false, reason: 'malformed_body' });
  });

  it('takes freshness from the signed body: 300 s either way, and a header that disagrees is refused', async () => {
    const { body, headers } = await signWebhook(SECRET, payload);
    expect(await verifyWebhook(SECRET, body, headers, now + 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(await verifyWebhook(SECRET, body, headers, now - 301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect((await verifyWebhook(SECRET, body, headers, now + 300)).ok).toBe(true);
    // A stale body under a fresh (unsigned) header: the header cannot vouch for it.
    const fresh = { ...headers, 'x-timestamp': String(now + 400) };
    expect(await verifyWebhook(SECRET, body, fresh, now + 400)).toEqual({ ok: false, reason: 'timestamp_mismatch' });
    // No header at all: the body decides.
    const { 'x-timestamp': _dropped, ...noHeader } = headers;
    expect((await verifyWebhook(SECRET, body, noHeader, now + 10)).ok).toBe(true);
    expect(await verifyWebhook(SECRET, body, noHeader, now + 400)).toEqual({ ok: false, reason: 'stale_timestamp' });
    // A signed body without a timestamp cannot be judged fresh.
    const { timestamp: _t, ...untimed } = payload;
    const signed = await signWebhook(SECRET, untimed as unknown as typeof payload);
    const { 'x-timestamp': _h, ...untimedHeaders } = signed.headers;
    expect(await verifyWebhook(SECRET, signed.body, untimedHeaders, now)).toEqual({
      ok: false,
      reason: 'missing_timestamp',
    });
  });
});

describe('no JSON parse of a body that is not signed (audit: 5 MiB junk stalled the thread)', () => {
  // Valid JSON, so that a parse would really cost something (about 0.5 s for 5 MiB of small numbers).
  const junk = new TextEncoder().encode(`{"a":[${'1,'.repeat(2.5 * 1024 * 1024 - 8)}1]}`);
  const now = Math.floor(Date.now() / 1000);
  afterEach(() => vi.restoreAllMocks());

  it('refuses 5 MiB under a bogus X-Signature without parsing it', async () => {
    expect(junk.length).toBeGreaterThan(5 * 1024 * 1024 - 32);
    const parse = vi.spyOn(JSON, 'parse');
    const result = await verifyWebhook(SECRET, junk, { 'x-signature': 'ab'.repeat(32) }, now);
    expect(result).toEqual({ ok: false, reason: 'bad_signature' });
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses 5 MiB under bogus V2 and Simple signatures without parsing it (too big for those)', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const headers = { 'x-signature': 'ab'.repeat(32), 'x-signature-v2': 'cd'.repeat(32), 'x-signature-simple': 'ef' };
    expect(await verifyWebhook(SECRET, junk, headers, now)).toEqual({ ok: false, reason: 'body_too_large' });
    expect(parse).not.toHaveBeenCalled();
  });

  it('parses a large body once its raw signature verified', async () => {
    const body = new TextEncoder().encode(
      JSON.stringify({ webhook_type: 'data.updated', session_id: 's', timestamp: now, pad: 'x'.repeat(2 << 20) }),
    );
    const parse = vi.spyOn(JSON, 'parse');
    const result = await verifyWebhook(SECRET, body, { 'x-signature': await hmacHex(SECRET, body) }, now);
    expect(result).toMatchObject({ ok: true, method: 'raw' });
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
