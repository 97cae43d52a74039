/**
 * Webhook delivery (didit-api.md section 5): the first attempt plus one retry per configured delay on a timeout,
 * a connection failure, a 5xx or a 404. Every attempt keeps the event_id but is stamped and signed afresh.
 * Deliveries run after the request that caused them has been answered and live in memory only: pending retries
 * are dropped when the server stops.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Agent, request } from 'undici';
import { signWebhook } from '../shared/webhook-signing.js';

const DEFAULT_RETRY_DELAYS_MS = [60_000, 240_000];
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** A delivery body without its per-attempt `timestamp`. */
export interface WebhookEvent extends Record<string, unknown> {
  event_id: string;
  webhook_type: string;
  session_id: string;
  status: string;
}

export interface Destination {
  id: string;
  url: string;
  secret: string;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
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
      run().catch((err: unknown) => this.log.error({ err }, 'webhook delivery failed unexpectedly'));
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(destination: Destination, event: WebhookEvent, attempt: number): Promise<void> {
    // Real time, not the sandbox clock: receivers check X-Timestamp against their own clock.
    const payload = { ...event, timestamp: Math.floor(Date.now() / 1000) };
    const { body, headers } = await signWebhook(destination.secret, payload);
    let outcome: string;
    let retry: boolean;
    try {
      const res = await request(destination.url, {
        method: 'POST',
        body,
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'countersign-sandbox-webhooks' },
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
    void this.agent.destroy().catch(() => undefined);
  }
}
