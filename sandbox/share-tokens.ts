/**
 * Share tokens: HS256 JWTs signed with the server's own key (docs/didit-api.md §3). The claims are the documented
 * ones plus the seed's `session_kind`: `session_id, from_application_id, for_application_id, session_kind, iat,
 * exp` and no `jti`, so two tokens minted for the same session and partner in the same second are the same token
 * (and import once). Verification pins HS256, so `alg: none` and any other algorithm are rejected like a bad
 * signature; expiry is judged by the sandbox clock.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { createHash, type webcrypto } from 'node:crypto';
import { shareTokenClaimsSchema, type ShareTokenClaims } from '../shared/didit/api.js';
import type { SessionKind } from '../shared/didit/statuses.js';
import type { Clock } from './clock.js';
import { detailError } from './errors.js';

export interface MintInput {
  sessionId: string;
  fromApplicationId: string;
  forApplicationId: string;
  sessionKind: SessionKind;
  ttlSeconds: number;
}

export class ShareTokens {
  /** Imported once: turning raw bytes into a key on every call is a large part of a token's cost. */
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(
    rawKey: Uint8Array<ArrayBuffer>,
    private readonly clock: Clock,
  ) {
    this.key = crypto.subtle.importKey('raw', rawKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async mint(input: MintInput): Promise<string> {
    const iat = this.clock.nowSeconds();
    return new SignJWT({
      session_id: input.sessionId,
      from_application_id: input.fromApplicationId,
      for_application_id: input.forApplicationId,
      session_kind: input.sessionKind,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + input.ttlSeconds)
      .sign(await this.key);
  }

  /** The token's claims, or a 401 ApiError saying whether it expired or is invalid. */
  async verify(token: string): Promise<ShareTokenClaims> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.clock.nowMs()),
        requiredClaims: ['iat', 'exp'],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) {
        throw detailError(401, 'token_expired', 'The share token has expired. Ask the partner for a new one.');
      }
      throw detailError(401, 'token_invalid', 'The share token is invalid.');
    }
    const claims = shareTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw detailError(401, 'token_invalid', 'The share token is invalid.');
    return claims.data;
  }
}

/**
 * What the once-only import check is keyed on, with the receiving application: the token, hashed. Only its signed
 * part (`header.payload`) counts, so a re-encoded signature segment (spare base64url bits) is still the same token.
 */
export function shareTokenHash(token: string): string {
  const signed = token.trim().split('.').slice(0, 2).join('.');
  return createHash('sha256').update(signed, 'utf8').digest('hex');
}
