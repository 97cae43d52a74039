// The queue never holds all rows: it asks listSessions for fixed-size pages around what is on screen, keeps a
// bounded number of them (least recently used go first), and refetches what is visible when sessions change.
import type { QueuePage, QueueRow } from '../../../shared/reviewer-api.js';

export const PAGE_SIZE = 100;
export const MAX_CACHED_PAGES = 30;

/** The page numbers covering rows first..last (inclusive). */
export function pagesForRange(first: number, last: number, pageSize: number = PAGE_SIZE): number[] {
  if (last < first || last < 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(Math.max(0, first) / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}

export type FetchPage = (offset: number, limit: number) => Promise<QueuePage>;

export class QueuePageCache {
  /** Map order is recency order: a page is re-inserted when used. */
  private readonly pages = new Map<number, QueueRow[]>();
  private readonly stale = new Set<number>();
  /** Page → id of the request whose answer is awaited; answers of superseded requests are dropped. */
  private readonly pending = new Map<number, number>();
  private nextRequest = 0;
  private disposed = false;
  total: number | null = null;
  error: unknown = null;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    private readonly pageSize: number = PAGE_SIZE,
    private readonly maxPages: number = MAX_CACHED_PAGES,
  ) {}

  row(index: number): QueueRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Whether a loaded page holds this session. */
  holds(sessionId: string): boolean {
    for (const rows of this.pages.values()) if (rows.some((r) => r.id === sessionId)) return true;
    return false;
  }

  /** Where a loaded, up-to-date page has this session; -1 when none has (a stale page may show an old place). */
  indexOf(sessionId: string): number {
    for (const [page, rows] of this.pages) {
      if (this.stale.has(page)) continue;
      const at = rows.findIndex((r) => r.id === sessionId);
      if (at >= 0) return page * this.pageSize + at;
    }
    return -1;
  }

  /** Makes sure rows first..last are loaded or loading. */
  ensure(first: number, last: number): void {
    const wanted = pagesForRange(first, this.total === null ? last : Math.min(last, this.total - 1), this.pageSize);
    // Page 0 tells the total: an empty list asks for it again once it is stale (the first sync fills the inbox).
    if (wanted.length === 0) wanted.push(0);
    for (const page of wanted) {
      const rows = this.pages.get(page);
      if (rows) {
        this.pages.delete(page);
        this.pages.set(page, rows);
      }
      if ((!rows || this.stale.has(page)) && !this.pending.has(page)) void this.load(page);
    }
  }

  /** After a change: keeps what is on screen (so nothing flickers) but refetches it; forgets the rest. */
  invalidate(first: number, last: number): void {
    const visible = new Set(pagesForRange(first, last, this.pageSize));
    for (const page of [...this.pages.keys()]) {
      if (visible.has(page)) this.stale.add(page);
      else this.pages.delete(page);
    }
    this.pending.clear();
    this.ensure(first, last);
  }

  dispose(): void {
    this.disposed = true;
  }

  get cachedPages(): number {
    return this.pages.size;
  }

  private async load(page: number): Promise<void> {
    const request = ++this.nextRequest;
    this.pending.set(page, request);
    try {
      const result = await this.fetchPage(page * this.pageSize, this.pageSize);
      if (this.disposed || this.pending.get(page) !== request) return;
      this.pages.delete(page);
      this.pages.set(page, result.rows);
      this.stale.delete(page);
      this.total = result.total;
      this.error = null;
      this.evict();
    } catch (error) {
      if (this.disposed || this.pending.get(page) !== request) return;
      this.error = error;
    } finally {
      if (this.pending.get(page) === request) this.pending.delete(page);
    }
    this.onChange();
  }

  private evict(): void {
    for (const page of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      this.pages.delete(page);
    }
  }
}
