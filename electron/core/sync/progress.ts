/** Sync progress of one connection (sessions and bytes done / total), pushed to the UI at most every 100 ms. */
import type { SyncProgress } from '../../../shared/reviewer-api.js';
import type { EventHub } from '../events.js';

const MIN_GAP_MS = 100;

export class ProgressReporter {
  private state: SyncProgress;
  private lastEmit = 0;

  constructor(
    connectionId: string,
    private readonly events: EventHub,
  ) {
    this.state = { connectionId, running: false, sessionsDone: 0, sessionsTotal: 0, bytesDone: 0, bytesTotal: 0 };
  }

  get snapshot(): SyncProgress {
    return { ...this.state };
  }

  begin(sessionsTotal: number): void {
    this.state = { ...this.state, running: true, sessionsDone: 0, sessionsTotal, bytesDone: 0, bytesTotal: 0 };
    this.emit(true);
  }

  sessionDone(): void {
    this.state.sessionsDone++;
    this.emit(false);
  }

  bytesAnnounced(n: number): void {
    this.state.bytesTotal += n;
  }

  bytesReceived(n: number): void {
    this.state.bytesDone += n;
    // Items without Content-Length still count: the total never trails what arrived.
    if (this.state.bytesTotal < this.state.bytesDone) this.state.bytesTotal = this.state.bytesDone;
    this.emit(false);
  }

  end(): void {
    this.state.running = false;
    this.emit(true);
  }

  private emit(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < MIN_GAP_MS) return;
    this.lastEmit = now;
    this.events.emit({ type: 'sync.progress', progress: this.snapshot });
  }
}
