/**
 * Outbound sharing from an issuing connection: its finished sessions (the server's list, with the subject name and
 * AML figures of every session the poller has cached; the cached ones alone when the server cannot be reached),
 * minting a share token for a partner, and the log of who minted what for whom; the token itself is handed to the
 * analyst once and never stored.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { SessionSummary } from '../../../shared/didit/api.js';
import { issues, localDay, mintCautions, type MintedToken, type QueueRow } from '../../../shared/reviewer-api.js';
import { readSession } from '../../../shared/didit/session-reader.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { isFinishedStatus } from '../../../shared/didit/statuses.js';
import type { EngineContext } from '../context.js';
import { isOffline } from '../errors.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import { partnerOf } from './partners.js';
import { reporting, type EngineState, type Handler, type Parsed } from './state.js';

export const listShareableSessions: Handler<'listShareableSessions'> = (s, { connectionId, search }) =>
  reporting(s, connectionId, (rt) => shareable(s.ctx, rt, search));

export const mintToken: Handler<'mintToken'> = (s, input) =>
  reporting(s, input.connectionId, (rt) => mint(s, rt, input));

export const listMintedTokens: Handler<'listMintedTokens'> = async (s) => s.ctx.cache.listMintedTokens();

/** An issuer with more sessions than this is searched, not listed whole. */
const MAX_LISTED = 5_000;

function requireIssuer(rt: ConnectionRuntime): void {
  if (!issues(rt.record)) {
    throw new ReviewerError(
      'validation',
      `"${rt.record.name}" only receives imports; share from an issuing connection.`,
      'connectionId',
    );
  }
}

/** A listed session not in the cache: the row's own fields (Didit's rows name the person or company). */
function asRow(rt: ConnectionRuntime, s: ListedSession): QueueRow {
  return {
    id: s.session_id,
    connectionId: rt.id,
    sessionNumber: s.session_number ?? null,
    kind: s.session_kind ?? 'user',
    status: s.status,
    subjectName: listedName(s),
    vendorData: s.vendor_data ?? null,
    createdAt: s.created_at ?? null,
    sharedFromSession: null,
    sourceApplicationId: null,
    amlHits: 0,
    riskScore: 0,
    decision: null,
    decidedAt: null,
    decidedBy: null,
  };
}

async function shareable(ctx: EngineContext, rt: ConnectionRuntime, search: string | undefined): Promise<QueueRow[]> {
  requireIssuer(rt);
  const cached = new Map(ctx.cache.shareableSessions(rt.id).map((r) => [r.id, r]));
  let rows: QueueRow[];
  try {
    const listed = await (await rt.api()).listAllSessions({}, MAX_LISTED);
    rt.report(null);
    rows = listed.filter(isFinished).map((s) => merged(rt, s, cached.get(s.session_id)));
  } catch (err) {
    if (!isOffline(err) || cached.size === 0) throw err;
    rt.report(err);
    rows = [...cached.values()];
  }
  const needle = normalized(search ?? '');
  return rows
    .filter(
      (r) =>
        needle === '' ||
        [r.id, r.vendorData, r.subjectName].some((text) => normalized(text ?? '').includes(needle)) ||
        String(r.sessionNumber ?? '') === needle,
    )
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
    .slice(0, MAX_LISTED);
}

/** The server's row, with what only the cached payload knows (name, AML) when the session is cached. */
function merged(rt: ConnectionRuntime, s: ListedSession, cached: QueueRow | undefined): QueueRow {
  return cached ? { ...cached, status: s.status } : asRow(rt, s);
}

type ListedSession = SessionSummary & { status: string };

function isFinished(s: SessionSummary): s is ListedSession {
  return typeof s.status === 'string' && isFinishedStatus(s.status);
}

/** `full_name` on KYC rows, `company_name` on KYB rows (sessions-api/list-sessions). */
function listedName(s: SessionSummary): string | null {
  const name = s.session_kind === 'business' ? s.company_name : s.full_name;
  return typeof name === 'string' && name.length > 0 ? name : null;
}

/** Case- and accent-insensitive text for search: "muller" finds "Müller". */
function normalized(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * Mints for a registered partner. A mint the analyst should think twice about (no data-sharing agreement on record or
 * an expired one; a Declined or In Review session) needs `confirmed`: the rule is the engine's, the UI only asks.
 */
async function mint(s: EngineState, rt: ConnectionRuntime, input: Parsed<'mintToken'>): Promise<MintedToken> {
  const { ctx } = s;
  requireIssuer(rt);
  if (input.partnerApplicationId === rt.record.applicationId) {
    throw new ReviewerError(
      'own_application',
      'A session cannot be shared with its own application.',
      'partnerApplicationId',
    );
  }
  const partner = partnerOf(s, input.partnerApplicationId);
  if (!partner) {
    throw new ReviewerError(
      'partner_not_registered',
      'Tokens are minted for registered partners only: add the partner in Settings → Partners first.',
      'partnerApplicationId',
    );
  }
  const client = await rt.api();
  const subject = await sessionFacts(ctx, rt, input.sessionId);
  // An unfinished session is the server's to refuse (session_not_finished); there is nothing to confirm.
  const finished = subject.status === null || isFinishedStatus(subject.status);
  const cautions = finished ? mintCautions(partner, subject.status, localDay()) : [];
  if (cautions.length > 0 && !input.confirmed) {
    throw new ReviewerError(
      'confirmation_required',
      `Minting this token needs confirmation: ${cautions.join(', ')}.`,
      'confirmed',
    );
  }
  const answer = await client.share(input.sessionId, {
    for_application_id: input.partnerApplicationId,
    ttl_in_seconds: input.ttlSeconds,
  });
  rt.report(null);
  const mintedAt = new Date();
  const record: Omit<MintedToken, 'shareToken' | 'redeemedAt'> = {
    id: randomUUID(),
    connectionId: rt.id,
    sessionId: input.sessionId,
    sessionKind: answer.session_kind,
    partnerApplicationId: input.partnerApplicationId,
    partnerName: partner.name,
    subjectName: subject.name,
    mintedAt: mintedAt.toISOString(),
    expiresAt: tokenExpiry(answer.share_token) ?? new Date(mintedAt.getTime() + input.ttlSeconds * 1000).toISOString(),
  };
  ctx.cache.transaction(() => {
    ctx.cache.logMintedToken(record);
    ctx.cache.appendAudit({
      type: 'token.minted',
      sessionId: input.sessionId,
      connectionId: rt.id,
      details: {
        mintedTokenId: record.id,
        partnerId: partner.id,
        partnerApplicationId: record.partnerApplicationId,
        ttlSeconds: input.ttlSeconds,
        expiresAt: record.expiresAt,
        ...(cautions.length > 0 ? { confirmedCautions: cautions } : {}),
      },
    });
  });
  return { ...record, redeemedAt: null, shareToken: answer.share_token };
}

/**
 * The session's status and subject: from the cache when the poller has it, else from the server (a session created
 * since the last sync).
 */
async function sessionFacts(
  ctx: EngineContext,
  rt: ConnectionRuntime,
  sessionId: string,
): Promise<{ status: string | null; name: string | null }> {
  const cached = ctx.cache.shareableSessions(rt.id).find((r) => r.id === sessionId);
  if (cached) return { status: cached.status, name: cached.subjectName };
  try {
    const read = readSession(await (await rt.api()).getDecision(sessionId)).payload;
    return { status: typeof read.status === 'string' ? read.status : null, name: null };
  } catch (err) {
    if (err instanceof ReviewerError && err.code === 'not_found') {
      throw new ReviewerError('not_found', 'This session does not exist in the issuing application.', 'sessionId');
    }
    throw err;
  }
}

function tokenExpiry(token: string): string | null {
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}
