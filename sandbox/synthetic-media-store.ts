/**
 * Stores a generated session: media go into content-addressed rows (SHA-256), and the feature JSON keeps
 * `media:<sha256>` references that become signed URLs when the session is read.
 */
import { createHash } from 'node:crypto';
import { MEDIA_REF_PREFIX, type SyntheticSession } from './synthetic/types.js';
import { storedMediaRef } from './payload.js';
import type { SessionStore } from './store/sessions.js';

/** Stores the media the features reference. Call inside the transaction that inserts the session. */
export function storeSyntheticMedia(
  sessions: SessionStore,
  synthetic: SyntheticSession,
): { featuresJson: string; mediaShas: Set<string> } {
  const shaByKey = new Map<string, string>();
  const featuresJson = JSON.stringify(synthetic.features, (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith(MEDIA_REF_PREFIX)) return value;
    const key = value.slice(MEDIA_REF_PREFIX.length);
    let sha = shaByKey.get(key);
    if (sha === undefined) {
      const media = synthetic.media[key];
      if (!media) throw new Error(`Generated session references unknown media ${key}`);
      sha = createHash('sha256').update(media.bytes).digest('hex');
      sessions.putMedia(sha, media.contentType, media.bytes);
      shaByKey.set(key, sha);
    }
    return storedMediaRef(sha);
  });
  return { featuresJson, mediaShas: new Set(shaByKey.values()) };
}
