/**
 * Media URLs: `<base>/sandbox/media/<sha256>?exp=<unix s>&sig=<hmac>`, downloadable without an API key until `exp`
 * (like the pre-signed URLs real Didit hands out). The HMAC covers the digest and the expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';

export const MEDIA_PATH = '/sandbox/media/';
export const DEFAULT_MEDIA_TTL_SECONDS = 3600;

export type MediaUrlCheck = 'valid' | 'invalid' | 'expired';

export class MediaSigner {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  private sign(sha256: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${sha256}.${exp}`).digest('hex');
  }

  /** A URL factory for one payload: every URL in it shares the same expiry. */
  urlFactory(baseUrl: string): (sha256: string) => string {
    const exp = this.clock.nowSeconds() + this.ttlSeconds;
    return (sha256) => `${baseUrl}${MEDIA_PATH}${sha256}?exp=${exp}&sig=${this.sign(sha256, exp)}`;
  }

  /** The signature is checked first, so a tampered `exp` is "invalid", never "expired". */
  check(sha256: string, exp: string | undefined, sig: string | undefined): MediaUrlCheck {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return 'invalid';
    const expected = Buffer.from(this.sign(sha256, Number(exp)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'invalid';
    return Number(exp) < this.clock.nowSeconds() ? 'expired' : 'valid';
  }
}
