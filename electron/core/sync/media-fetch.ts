/**
 * Downloading a session's media while its URLs are fresh. Only JPEG, PNG, WebP and PDF are kept, recognised by their
 * magic bytes (never by the Content-Type a partner's server claims) and under a size limit; anything else is
 * reported as rejected and never stored. No API key is sent: media URLs are pre-signed.
 */
import { request, type Dispatcher } from 'undici';
import { mediaReferences, type MediaReference } from '../../../shared/didit/session.js';
import { DiditError, httpError, networkError } from '../errors.js';

const MAX_MEDIA_BYTES = 15 * 1024 * 1024;

export type AcceptedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The content type of `bytes` by magic number, or null when it is none of the accepted ones. */
export function sniffMediaType(bytes: Uint8Array): AcceptedType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

export type MediaOutcome =
  | { locator: string; kind: 'stored'; contentType: AcceptedType; bytes: Buffer }
  /** The bytes arrived but are not an accepted type or are too big: never stored. */
  | { locator: string; kind: 'rejected'; reason: string }
  /** The server answered 4xx for this item (gone, expired): the session is kept without it. */
  | { locator: string; kind: 'unavailable'; reason: string };

export interface MediaFetchOptions {
  dispatcher: Dispatcher;
  maxBytes?: number;
  /** Called with the byte count of every chunk received (progress bar). */
  onBytes?: (n: number) => void;
  /** Called once per item with its announced size, when the server sends Content-Length. */
  onAnnouncedBytes?: (n: number) => void;
  /** Locators whose bytes the cache already holds: not downloaded again. */
  skip?: ReadonlySet<string>;
}

/** One media URL. Network failures and 5xx throw (the whole session is retried later); 4xx and bad bytes do not. */
async function fetchMedia(locator: string, url: string, opts: MediaFetchOptions): Promise<MediaOutcome> {
  const max = opts.maxBytes ?? MAX_MEDIA_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { locator, kind: 'rejected', reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { locator, kind: 'rejected', reason: `unsupported scheme ${parsed.protocol}` };
  }
  let res: Dispatcher.ResponseData;
  try {
    res = await request(parsed, { method: 'GET', dispatcher: opts.dispatcher });
  } catch (err) {
    throw networkError(err, parsed.host);
  }
  if (res.statusCode >= 500 || res.statusCode === 429) {
    await res.body.dump();
    throw httpError(res.statusCode, null);
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    return { locator, kind: 'unavailable', reason: `HTTP ${res.statusCode}` };
  }
  const announced = Number(res.headers['content-length']);
  if (Number.isFinite(announced) && announced > max) {
    res.body.destroy();
    return { locator, kind: 'rejected', reason: `larger than ${max} bytes` };
  }
  if (Number.isFinite(announced)) opts.onAnnouncedBytes?.(announced);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        res.body.destroy();
        return { locator, kind: 'rejected', reason: `larger than ${max} bytes` };
      }
      opts.onBytes?.((chunk as Buffer).length);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw err instanceof DiditError ? err : networkError(err, parsed.host);
  }
  const bytes = Buffer.concat(chunks);
  const contentType = sniffMediaType(bytes);
  if (contentType === null) return { locator, kind: 'rejected', reason: 'not a JPEG, PNG, WebP or PDF file' };
  return { locator, kind: 'stored', contentType, bytes };
}

/**
 * Every media item of a payload (a few at a time), and the payload with each URL replaced by its locator, which
 * is what the cache stores: URLs expire, locators do not.
 */
export async function fetchSessionMedia<T extends object>(
  payload: T,
  opts: MediaFetchOptions,
  concurrency = 4,
): Promise<{ payload: T; outcomes: MediaOutcome[] }> {
  const refs = mediaReferences(payload);
  const todo = refs.filter((r): r is MediaReference & { url: string } => r.url !== null && !opts.skip?.has(r.locator));
  const outcomes: MediaOutcome[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < todo.length && !failed) {
      const ref = todo[next++];
      try {
        outcomes.push(await fetchMedia(ref.locator, ref.url, opts));
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return { payload: withLocators(payload, refs), outcomes };
}

/**
 * The payload with every media field holding its locator (its JSON path) instead of its URL: a copy, the caller's
 * payload is left as it was.
 */
export function withLocators<T extends object>(payload: T, refs = mediaReferences(payload)): T {
  const copy = structuredClone(payload);
  for (const { path, locator } of refs) {
    const steps = path.match(/[^.[\]]+/g) ?? [];
    let node: Record<string, unknown> = copy as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
    node[steps[steps.length - 1]] = locator;
  }
  return copy;
}
