/**
 * A profile whose cache already holds a big queue, written straight through the storage layer (openProfileCache +
 * upsertSession) before a host starts on it, the way months of syncing would have left it. The keys go to the OS
 * keychain under the default service, where the host will look for them.
 */
import { randomUUID } from 'node:crypto';
import { openProfileCache } from '../../../electron/core/cache/index.js';
import { OsKeychain } from '../../../electron/core/keychain/index.js';
import type { SessionPayload } from '../../../shared/didit/session.js';

export interface SeededQueue {
  connectionId: string;
  count: number;
  /** Subject name of the session at a position of the queue sorted by age (oldest first). */
  nameAt(index: number): string;
}

const BATCH = 5_000;
const DAY_MS = 86_400_000;

/** Synthetic subjects: obviously fictional, unique, and sortable by their number. */
function queueName(index: number): string {
  return `Queue Specimen ${String(index).padStart(6, '0')}`;
}

function payload(index: number, count: number, now: number): SessionPayload {
  // Oldest first: session 0 is the oldest, spread over about a year.
  const createdAt = new Date(now - DAY_MS * 365 * ((count - index) / count)).toISOString();
  const hits =
    index % 7 === 0
      ? [
          {
            id: `hit-${index}`,
            caption: 'Specimen hit',
            match_score: 80,
            risk_score: index % 100,
            datasets: ['PEP'],
            review_status: 'Unreviewed',
          },
        ]
      : [];
  return {
    session_id: randomUUID(),
    session_number: index + 1,
    session_kind: 'user',
    status: 'In Review',
    vendor_data: `queue-${String(index).padStart(6, '0')}`,
    created_at: createdAt,
    shared_from_session: randomUUID(),
    reviews: [],
    id_verifications: [
      { status: 'Approved', full_name: queueName(index), document_number: `QS${String(index).padStart(7, '0')}` },
    ],
    aml_screenings: [
      { status: hits.length ? 'In Review' : 'Approved', entity_type: 'person', total_hits: hits.length, hits },
    ],
  } as SessionPayload;
}

export async function seedQueue(profileDir: string, count: number): Promise<SeededQueue> {
  const cache = await openProfileCache({ profileDir, secrets: await OsKeychain.open() });
  const connectionId = randomUUID();
  try {
    cache.upsertConnection({
      id: connectionId,
      name: 'Archive (offline)',
      // Nothing listens on the discard port: the connection stays offline and the cached queue is all there is.
      baseUrl: 'http://127.0.0.1:9',
      applicationId: randomUUID(),
      role: 'receiver',
      workflows: [],
      hasWebhookSecret: false,
      createdAt: new Date().toISOString(),
    });
    const now = Date.now();
    for (let start = 0; start < count; start += BATCH) {
      cache.transaction(() => {
        for (let i = start; i < Math.min(count, start + BATCH); i++) {
          cache.upsertSession({ connectionId, payload: payload(i, count, now) });
        }
      });
    }
  } finally {
    cache.close();
  }
  return { connectionId, count, nameAt: queueName };
}
