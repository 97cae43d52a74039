/**
 * A repeating background task (a connection's poller, the outbox sender): runs once at a time, again after an
 * interval when it succeeds, after an exponential backoff (never shorter than a server's Retry-After) when it fails,
 * and at once when triggered. Triggers during a run coalesce into one follow-up run.
 */
import { DiditError } from '../errors.js';

export interface TaskLoopOptions {
  run: () => Promise<void>;
  /** Delay before the next run after a success; null waits for the next trigger. */
  intervalMs: () => number | null;
  backoffBaseMs: number;
  backoffMaxMs: number;
  onError?: (err: unknown) => void;
}

export class TaskLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  private stopped = false;
  failures = 0;

  constructor(private readonly opts: TaskLoopOptions) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Runs now, or right after the run in progress; resolves when that run is over (errors are reported, not thrown). */
  trigger(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current === null) return this.runNow();
    this.followUp ??= this.current.then(() => {
      this.followUp = null;
      return this.runNow();
    });
    return this.followUp;
  }

  /** Schedules the first run. */
  start(delayMs = 0): void {
    if (!this.stopped && this.current === null) this.schedule(delayMs);
  }

  /** Reschedules a waiting loop with the current interval (settings changed). */
  reschedule(): void {
    const delay = this.opts.intervalMs();
    if (this.stopped || this.current !== null || this.failures > 0 || delay === null) return;
    this.schedule(delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
    await this.followUp;
  }

  private runNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    clearTimeout(this.timer);
    const run = (async () => {
      let delay: number | null;
      try {
        await this.opts.run();
        this.failures = 0;
        delay = this.opts.intervalMs();
      } catch (err) {
        this.failures++;
        delay = this.backoff(err);
        this.opts.onError?.(err);
      }
      this.current = null;
      if (!this.stopped && delay !== null && this.followUp === null) this.schedule(delay);
    })();
    this.current = run;
    return run;
  }

  private backoff(err: unknown): number {
    const exp = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** Math.min(this.failures - 1, 20));
    const asked = err instanceof DiditError ? (err.extra.retryAfterMs ?? 0) : 0;
    return Math.max(exp, asked);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.trigger(), delayMs);
    this.timer.unref();
  }
}
