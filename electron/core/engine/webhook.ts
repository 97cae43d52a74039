/** The webhook receiver's side of the engine: where it listens, which secrets it checks, what a delivery fetches. */
import { receives, type Settings } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { isInReview } from '../../../shared/didit/statuses.js';
import { isConnectionFailure, toReviewerError } from '../errors.js';
import { ingestSession } from '../sync/ingest.js';
import type { EngineState } from './state.js';

/** At start a busy port only costs the webhook, not the whole engine: polling still brings every session in. */
export async function listenAtStart(s: EngineState, w: Settings['webhook']): Promise<void> {
  if (!w.enabled) return;
  try {
    await s.webhook.listen(w.host, w.port);
  } catch (err) {
    console.warn(`countersign: webhook receiver not started: ${err instanceof Error ? err.message : err}`);
  }
}

/** After a settings change the analyst is told at once when the new address cannot be used. */
export async function applyWebhookSettings(s: EngineState, w: Settings['webhook']): Promise<void> {
  if (!w.enabled) return s.webhook.close();
  try {
    await s.webhook.listen(w.host, w.port);
  } catch (err) {
    throw new ReviewerError(
      'validation',
      `The webhook receiver cannot listen on ${w.host}:${w.port} (${(err as NodeJS.ErrnoException).code ?? toReviewerError(err).message}). Pick another port or host.`,
      'webhook',
    );
  }
}

export async function webhookSecrets(s: EngineState): Promise<{ connectionId: string; secret: string }[]> {
  const out: { connectionId: string; secret: string }[] = [];
  for (const rt of s.runtimes.values()) {
    const secret = await rt.getWebhookSecret();
    if (secret !== null) out.push({ connectionId: rt.id, secret });
  }
  return out;
}

/** A session a webhook told us about, fetched through the same path as the poller. */
export async function fetchNotifiedSession(s: EngineState, connectionId: string, sessionId: string): Promise<void> {
  const rt = s.runtimes.get(connectionId);
  if (rt === undefined || !receives(rt.record) || s.ctx.signal.aborted) return;
  try {
    const payload = await (await rt.api()).getDecision(sessionId);
    const result = await ingestSession(s.ctx, connectionId, payload, { progress: rt.progress });
    rt.report(null);
    s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });
    if (result.isNew && isInReview(result.status)) {
      s.ctx.events.emit({ type: 'imports.arrived', connectionId, count: 1, inReview: 1 });
    }
  } catch (err) {
    if (s.ctx.signal.aborted) return; // the engine closed under this fetch
    if (isConnectionFailure(err)) rt.report(err);
    // The poller fetches it on its next pass.
    console.warn(`countersign: webhook-triggered fetch failed: ${toReviewerError(err).code}`);
  }
}
