/**
 * Webhook delivery (docs/didit-api.md §11): the first attempt plus one retry per configured delay on a timeout,
 * a connection failure, a 5xx or a 404. Every attempt keeps the event_id but is stamped and signed afresh.
 * Deliveries run after the request that caused them has been answered and live in memory only: pending retries
 * are dropped when the server stops.
 *
 * The body is Didit's documented delivery (integration/webhooks, reference/webhooks): `session_id`, `status`,
 * `webhook_type`, `created_at`, `timestamp` (Unix seconds), `workflow_id` / `vendor_data` / `metadata` only when set,
 * `decision` only when the status is Approved, Declined, In Review or Abandoned, and for KYB `session_kind:
 * "business"` plus `business_session_id`. `event_id` is not documented by Didit; the sandbox keeps it (receivers
 * that do not know it ignore it). Headers: X-Signature (raw body), X-Signature-V2 (the seed's algorithm),
 * X-Signature-Simple, X-Timestamp and Didit's User-Agent.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Agent, request } from 'undici';
import { canonicalStatus } from '../shared/didit/statuses.js';
import { signWebhook, WEBHOOK_USER_AGENT } from '../shared/didit/webhook-signing.js';

const DEFAULT_RETRY_DELAYS_MS = [60_000, 240_000];
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * What happened, as the sandbox records it; `deliveryBody` turns it into what Didit sends. Optional fields come
 * from `session_kind`, `vendor_data`, `workflow_id`, `metadata` (else the decision's) and `decision`; nulls are
 * left out.
 */
export interface WebhookEvent extends Record<string, unknown> {
  event_id: string;
  webhook_type: string;
  session_id: string;
  status: string;
}

/** Statuses whose deliveries carry the decision (reference/webhooks). */
const STATUSES_WITH_DECISION = new Set(['Approved', 'Declined', 'In Review', 'Abandoned']);

const isSet = (v: unknown) => v !== null && v !== undefined;

/** The documented delivery body for one attempt. */
export function deliveryBody(event: WebhookEvent, timestamp: number): { timestamp: number } & Record<string, unknown> {
  const decision =
    event.decision !== null && typeof event.decision === 'object' ? (event.decision as Record<string, unknown>) : null;
  const kind = event.session_kind ?? decision?.session_kind;
  const body: { timestamp: number } & Record<string, unknown> = {
    session_id: event.session_id,
    status: event.status,
    webhook_type: event.webhook_type,
    timestamp,
  };
  if (kind === 'business') {
    body.session_kind = 'business';
    body.business_session_id = event.business_session_id ?? event.session_id;
  }
  body.created_at = typeof event.created_at === 'number' ? event.created_at : timestamp;
  if (isSet(event.workflow_id)) body.workflow_id = event.workflow_id;
  if (isSet(event.vendor_data)) body.vendor_data = event.vendor_data;
  const metadata = isSet(event.metadata) ? event.metadata : decision?.metadata;
  if (isSet(metadata)) body.metadata = metadata;
  if (decision !== null && STATUSES_WITH_DECISION.has(canonicalStatus(event.status) ?? '')) body.decision = decision;
  body.event_id = event.event_id;
  return body;
}

export interface Destination {
  id: string;
  url: string;
  secret: string;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly stopping = new AbortController();
  /** Its own, so that closing can cut attempts in flight (AbortSignal.any would do it too, but leaks on Node 20). */
  private readonly agent = new Agent();

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly retryDelaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
    private readonly timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS,
  ) {}

  deliver(destination: Destination, event: WebhookEvent): void {
    this.schedule(0, () => this.attempt(destination, event, 0));
  }

  private schedule(delayMs: number, run: () => Promise<void>): void {
    if (this.stopping.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.inFlight++;
      run()
        .catch((err: unknown) => this.log.error({ err }, 'webhook delivery failed unexpectedly'))
        .finally(() => {
          this.inFlight--;
          this.notifyIdle();
        });
    }, delayMs);
    this.timers.add(timer);
  }

  /** Resolves once no delivery is in flight and no retry is pending (tests wait on it instead of sleeping). */
  idle(): Promise<void> {
    if (this.timers.size === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    if (this.timers.size > 0 || this.inFlight > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async attempt(destination: Destination, event: WebhookEvent, attempt: number): Promise<void> {
    // Real time, not the sandbox clock: receivers check X-Timestamp against their own clock.
    const payload = deliveryBody(event, Math.floor(Date.now() / 1000));
    const { body, headers } = await signWebhook(destination.secret, payload);
    let outcome: string;
    let retry: boolean;
    try {
      const res = await request(destination.url, {
        method: 'POST',
        body,
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT },
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body.dump();
      outcome = String(res.statusCode);
      retry = res.statusCode >= 500 || res.statusCode === 404;
    } catch (err) {
      if (this.stopping.signal.aborted) return;
      outcome = err instanceof Error ? err.name : 'error';
      retry = true;
    }
    const willRetry = retry && attempt < this.retryDelaysMs.length;
    this.log.info({ destination: destination.id, attempt: attempt + 1, outcome, willRetry }, 'webhook delivery');
    if (willRetry) this.schedule(this.retryDelaysMs[attempt], () => this.attempt(destination, event, attempt + 1));
  }

  /** Cancels pending retries and in-flight attempts. */
  close(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.notifyIdle();
    void this.agent.destroy().catch(() => undefined);
  }
}
