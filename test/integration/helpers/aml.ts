/**
 * AML and reviews-feed helpers for engine tests against the sandbox: a hit as Didit's decision carries it, an In
 * Review KYC session of the receiver whose one screening holds chosen hits, and the session's reviews feed.
 */
import { call, createRawSession, diditFixture, type Json, type SandboxApps } from './engine.js';

/** An AML hit on a sanctions list, Unreviewed unless told. */
export function amlHit(id: string, risk = 80, review_status = 'Unreviewed'): Json {
  return {
    id,
    caption: `Namesake ${id}`,
    datasets: ['Sanctions'],
    match_score: 90,
    risk_score: risk,
    review_status,
    pep_matches: [],
    sanction_matches: [],
    warning_matches: [],
    adverse_media_matches: [],
  };
}

/**
 * Creates an In Review KYC session of the receiver: Didit's documented example with one screening holding `hits`
 * (its score the highest hit's risk). `adjust` may change the payload before it is sent.
 */
export async function kycSessionWithHits(
  apps: SandboxApps,
  hits: Json[],
  adjust: (payload: Json) => Json = (payload) => payload,
): Promise<string> {
  const base = diditFixture('kyc-decision.json');
  const [documented] = base.aml_screenings;
  const screening = {
    ...documented,
    total_hits: hits.length,
    score: Math.max(0, ...hits.map((h) => h.risk_score as number)),
    hits,
  };
  const payload = adjust({ ...base, status: 'In Review', reviews: [], aml_screenings: [screening] });
  return (await createRawSession(apps.baseUrl, apps.receiver.apiKey, payload, 'user')).session_id as string;
}

/** The session's reviews feed as the receiver reads it, newest first. */
export async function reviewsFeed(apps: SandboxApps, sessionId: string): Promise<Json[]> {
  const res = await call(apps.baseUrl, 'GET', `/v3/sessions/${sessionId}/reviews/?limit=100`, {
    key: apps.receiver.apiKey,
  });
  return res.body.results as Json[];
}
