/**
 * Reading a session payload as a partner's server sent it, one part at a time. Real Didit adds fields, sends nulls,
 * singular or plural blocks and either status casing; a part the app cannot read must cost that part, never the
 * session. `readSession` returns the typed view the app works with plus every part it could not read, with the raw
 * JSON so an analyst can still see it. Unknown top-level fields are kept in the view as they came.
 */
import { z } from 'zod';
import { canonicalStatus, type SessionKind } from './statuses.js';
import { KYB_BLOCKS, KYC_BLOCKS, reviewSchema, type SessionPayload } from './session.js';

/** The least a payload needs to be a session at all: an id to store it under. */
export const rawSessionSchema = z.looseObject({ session_id: z.string().min(1).max(200) });
/** A payload as received (media URLs may already be replaced by locators); read it with `readSession`. */
export type RawSession = z.infer<typeof rawSessionSchema>;

export interface UnreadablePart {
  /** The payload field the part sits in (`phone_verifications`, `session_number`, ...). */
  block: string;
  /** The item's position in its block's array; null for a whole field. */
  index: number | null;
  /** What did not fit, in one line (field path and problem). */
  reason: string;
  /** The part exactly as received. */
  raw: unknown;
}

export interface ReadSession {
  payload: SessionPayload;
  unreadable: UnreadablePart[];
}

export class NotASessionError extends Error {}

/** Header fields and what they must look like; a field that does not fit reads as missing and is reported. */
const HEADER_FIELDS: Record<string, z.ZodType> = {
  session_number: z.number().int().nullish(),
  workflow_id: z.string().nullish(),
  vendor_data: z.string().nullish(),
  features: z.array(z.string()).nullish(),
  created_at: z.string().nullish(),
  shared_from_session: z.string().nullish(),
};

/** Block names that mark a business session when `session_kind` is missing. */
const KYB_ONLY_BLOCKS = KYB_BLOCKS.filter((b) => !KYC_BLOCKS.some((k) => k.name === b.name)).flatMap((b) => [
  b.name,
  ...b.aliases,
]);

export function readSession(input: unknown): ReadSession {
  const head = rawSessionSchema.safeParse(input);
  if (!head.success) throw new NotASessionError('A session payload needs a session_id.');
  const raw = head.data as Record<string, unknown>;
  const unreadable: UnreadablePart[] = [];
  const kind = kindOf(raw);
  const view: Record<string, unknown> = { ...raw, session_kind: kind };

  view.status = typeof raw.status === 'string' && raw.status.length > 0 ? raw.status : 'Not Finished';
  if (typeof raw.status !== 'string') unreadable.push(part('status', null, 'status: not a text', raw.status));
  for (const [field, schema] of Object.entries(HEADER_FIELDS)) {
    if (!(field in raw)) continue;
    const parsed = schema.safeParse(raw[field]);
    if (parsed.success) view[field] = parsed.data;
    else {
      view[field] = null;
      unreadable.push(part(field, null, describe(parsed.error), raw[field]));
    }
  }
  view.reviews = readArray(raw, 'reviews', [], reviewSchema, unreadable);
  for (const block of kind === 'user' ? KYC_BLOCKS : KYB_BLOCKS) {
    view[block.name] = readArray(raw, block.name, block.aliases, block.schema, unreadable);
    for (const alias of block.aliases) delete view[alias];
  }
  return { payload: view as SessionPayload, unreadable };
}

/** A session's kind: as sent, else from its blocks or its status casing (KYB statuses are UPPER_SNAKE_CASE). */
function kindOf(raw: Record<string, unknown>): SessionKind {
  if (raw.session_kind === 'user' || raw.session_kind === 'business') return raw.session_kind;
  if (KYB_ONLY_BLOCKS.some((b) => raw[b] !== undefined && raw[b] !== null)) return 'business';
  const status = typeof raw.status === 'string' ? raw.status : '';
  return /^[A-Z_]+$/.test(status) && canonicalStatus(status) !== null ? 'business' : 'user';
}

/**
 * One block as an array of items that fit `schema`: missing or null is an empty block, a single object counts as
 * a one-item block, and an item that does not fit is left out of the view and reported with its raw JSON.
 */
function readArray(
  raw: Record<string, unknown>,
  name: string,
  aliases: readonly string[],
  schema: z.ZodType,
  unreadable: UnreadablePart[],
): unknown[] {
  const field = [name, ...aliases].find((f) => raw[f] !== undefined && raw[f] !== null);
  if (field === undefined) return [];
  const value = raw[field];
  const items = Array.isArray(value) ? value : [value];
  const out: unknown[] = [];
  items.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
    else unreadable.push(part(field, Array.isArray(value) ? i : null, describe(parsed.error), item));
  });
  return out;
}

function part(block: string, index: number | null, reason: string, raw: unknown): UnreadablePart {
  return { block, index, reason, raw: raw === undefined ? null : raw };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'unexpected shape';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
