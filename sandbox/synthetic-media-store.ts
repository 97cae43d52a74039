/**
 * Stores a generated session: media go into content-addressed rows (SHA-256), and the feature JSON keeps
 * `media:<sha256>` references that become signed URLs when the session is read.
 *
 * The demo's media are stored undrawn instead (store/demo-media.ts): drawing them was nearly all the cost of the
 * demo's first start (about 0.4 s for some 380 images), while most are downloaded later or never. Each is addressed
 * by its place in the demo plan, which is deterministic (demo-media.ts), and filled in with the rest of its session's
 * at its first read: from the build's demo media file when there is one, drawn otherwise.
 */
import { createHash } from 'node:crypto';
import { demoMediaId, demoRecordDigest, storedFeatures } from './demo-media.js';
import type { SandboxCore } from './sandbox-state.js';
import { demoSession, type SyntheticSession } from './synthetic/index.js';

/**
 * Stores the media the features reference: drawn and content-addressed, or undrawn when the session is the demo
 * plan's session `demoIndex`. Call inside the transaction that inserts the session.
 */
export function storeSyntheticMedia(
  core: SandboxCore,
  synthetic: SyntheticSession,
  demoIndex?: number,
): { featuresJson: string; mediaShas: Set<string> } {
  const ids = new Map<string, string>();
  const featuresJson = storedFeatures(synthetic, (key) => {
    let id = ids.get(key);
    if (id !== undefined) return id;
    const media = synthetic.media[key]!;
    if (demoIndex === undefined) {
      id = createHash('sha256').update(media.bytes).digest('hex');
      core.sessions.putMedia(id, media.contentType, media.bytes);
    } else {
      id = demoMediaId(demoIndex, key);
      core.demoMedia.putUndrawn(id, media.contentType, demoIndex, key);
    }
    ids.set(key, id);
    return id;
  });
  return { featuresJson, mediaShas: new Set(ids.values()) };
}

/** A stored medium, filling it in (with the rest of its demo session's) first when it is an undrawn demo medium. */
export function readMedia(core: SandboxCore, id: string): { contentType: string; bytes: Buffer } | undefined {
  const demoIndex = core.demoMedia.undrawnIndex(id);
  if (demoIndex !== undefined) fillDemoMedia(core, demoIndex, id);
  return core.sessions.media(id);
}

/**
 * Fills in one demo session's undrawn media, if this build's demo plan still generates that session exactly as it
 * was stored (the same record digest). A plan changed since would draw someone else's documents: those media stay
 * unavailable (404) instead.
 */
function fillDemoMedia(core: SandboxCore, demoIndex: number, id: string): void {
  const { session } = demoSession(demoIndex);
  const record = demoRecordDigest(demoIndex, session);
  if (record !== core.demoMedia.recordOf(id)) return;
  const shipped = core.demoMediaFile?.media(demoIndex, record);
  core.db.transaction(() => {
    for (const undrawn of core.demoMedia.undrawnOfSession(demoIndex)) {
      core.demoMedia.draw(undrawn.id, shipped?.get(undrawn.key) ?? session.media[undrawn.key]!.bytes);
    }
  })();
}
