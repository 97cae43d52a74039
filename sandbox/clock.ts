/**
 * The server's notion of "now". Tests move it forward (POST /sandbox/clock/) to see tokens and media URLs expire
 * without sleeping; the offset lives in memory only, so a restart returns to wall-clock time.
 */
export class Clock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  isoNow(): string {
    return new Date(this.nowMs()).toISOString();
  }

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  setOffsetSeconds(seconds: number): void {
    this.offsetMs = seconds * 1000;
  }
}
