/**
 * A generated session as the API would answer it (docs/didit-api.md §5, §6), with placeholder header values and
 * `media:<key>` references turned into URLs. For tests and tools that want the wire shape without a server.
 */
import { MEDIA_REF_PREFIX, type SyntheticSession } from './types.js';

export interface PreviewHeader {
  session_id?: string;
  session_number?: number;
  workflow_id?: string;
  created_at?: string;
}

/** Replaces every `media:<key>` string (at any depth) with `mediaUrl(key)`; throws on a key with no media. */
export function resolveMediaRefs(
  session: SyntheticSession,
  mediaUrl: (key: string) => string,
): Record<string, unknown[]> {
  return JSON.parse(
    JSON.stringify(session.features, (_k, value: unknown) => {
      if (typeof value !== 'string' || !value.startsWith(MEDIA_REF_PREFIX)) return value;
      const key = value.slice(MEDIA_REF_PREFIX.length);
      if (!session.media[key]) throw new Error(`Feature references unknown media "${key}"`);
      return mediaUrl(key);
    }),
  ) as Record<string, unknown[]>;
}

export function previewPayload(
  session: SyntheticSession,
  header: PreviewHeader = {},
  mediaUrl: (key: string) => string = (key) => `https://sandbox.invalid/media/${encodeURIComponent(key)}`,
): Record<string, unknown> {
  return {
    session_id: header.session_id ?? '00000000-0000-4000-8000-000000000000',
    session_number: header.session_number ?? 1,
    session_kind: session.kind,
    status: session.status,
    workflow_id: header.workflow_id ?? '00000000-0000-4000-8000-000000000001',
    vendor_data: session.vendorData,
    metadata: null,
    features: session.featureNames,
    created_at: header.created_at ?? '2026-06-01T00:00:00Z',
    shared_from_session: null,
    reviews: [],
    ...resolveMediaRefs(session, mediaUrl),
  };
}
