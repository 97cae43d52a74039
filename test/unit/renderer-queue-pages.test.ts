// The queue pages through listSessions around the viewport: at 100,000 sessions it asks only for the pages on
// screen, keeps a bounded number of them, and never shows an answer that a newer request superseded.
import { describe, expect, it } from 'vitest';
import type { QueuePage, QueueRow } from '../../shared/reviewer-api.js';
import { QueuePageCache, pagesForRange, PAGE_SIZE, MAX_CACHED_PAGES } from '../../renderer/src/queue/pageCache.js';

const TOTAL = 100_000;

function row(index: number, label = 'v1'): QueueRow {
  return {
    id: `s${index}`,
    connectionId: 'c',
    sessionNumber: index,
    kind: 'user',
    status: 'In Review',
    subjectName: `Person ${index} ${label}`,
    vendorData: null,
    createdAt: null,
    sharedFromSession: null,
    sourceApplicationId: null,
    amlHits: 0,
    riskScore: 0,
    decision: null,
    decidedAt: null,
    decidedBy: null,
  };
}

/** A listSessions stand-in over 100,000 generated rows whose answers the test releases one by one. */
function deferredSource(label: () => string = () => 'v1') {
  const requests: { offset: number; limit: number; resolve(): void; reject(e: unknown): void }[] = [];
  const fetchPage = (offset: number, limit: number) =>
    new Promise<QueuePage>((resolve, reject) => {
      requests.push({
        offset,
        limit,
        resolve: () => {
          const tag = label();
          const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) =>
            row(offset + i, tag),
          );
          resolve({ total: TOTAL, rows });
        },
        reject,
      });
    });
  return { requests, fetchPage };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('pagesForRange', () => {
  it('covers the visible rows with whole pages', () => {
    expect(pagesForRange(0, 0)).toEqual([0]);
    expect(pagesForRange(95, 105)).toEqual([0, 1]);
    expect(pagesForRange(250, 250, 100)).toEqual([2]);
    expect(pagesForRange(10, 5)).toEqual([]);
  });
});

describe('QueuePageCache', () => {
  it('loads only the pages on screen, wherever the user scrolls in 100,000 rows', async () => {
    const source = deferredSource();
    let changes = 0;
    const cache = new QueuePageCache(source.fetchPage, () => changes++);
    cache.ensure(0, 30);
    expect(source.requests.map((r) => [r.offset, r.limit])).toEqual([[0, PAGE_SIZE]]);
    source.requests[0].resolve();
    await settle();
    expect(cache.total).toBe(TOTAL);
    expect(cache.row(29)?.id).toBe('s29');
    expect(changes).toBe(1);

    // Jump to the middle: just the page(s) there, not everything in between.
    cache.ensure(54_321, 54_340);
    expect(source.requests.slice(1).map((r) => r.offset)).toEqual([54_300]);
    // Asking again while the page is on its way does not ask twice.
    cache.ensure(54_321, 54_340);
    expect(source.requests).toHaveLength(2);
    source.requests[1].resolve();
    await settle();
    expect(cache.row(54_330)?.subjectName).toBe('Person 54330 v1');
    expect(cache.row(20_000)).toBeUndefined();
  });

  it('keeps at most MAX_CACHED_PAGES pages, dropping the least recently used', async () => {
    const source = deferredSource();
    const cache = new QueuePageCache(source.fetchPage, () => {});
    for (let page = 0; page < MAX_CACHED_PAGES + 10; page++) {
      cache.ensure(page * PAGE_SIZE, page * PAGE_SIZE + 10);
      source.requests.at(-1)!.resolve();
      await settle();
      // Page 0 is looked at again and again, so it stays.
      cache.ensure(0, 10);
    }
    expect(cache.cachedPages).toBe(MAX_CACHED_PAGES);
    expect(cache.row(5)?.id).toBe('s5');
    expect(cache.row(PAGE_SIZE + 5)).toBeUndefined();
  });

  it('after a change keeps the visible rows on screen until their fresh copy arrives, ignoring stale answers', async () => {
    let version = 'old';
    const source = deferredSource(() => version);
    const cache = new QueuePageCache(source.fetchPage, () => {});
    cache.ensure(0, 20);
    const first = source.requests[0];
    // The data changes before the first answer lands: the view invalidates and asks again.
    version = 'new';
    cache.invalidate(0, 20);
    expect(source.requests).toHaveLength(2);
    source.requests[1].resolve();
    await settle();
    expect(cache.row(3)?.subjectName).toBe('Person 3 new');
    // The superseded answer arrives late and is dropped.
    version = 'old';
    first.resolve();
    await settle();
    expect(cache.row(3)?.subjectName).toBe('Person 3 new');

    // Invalidating keeps the stale rows visible while the refetch is in flight.
    cache.invalidate(0, 20);
    expect(cache.row(3)?.subjectName).toBe('Person 3 new');
  });

  it('asks an empty list again after a change: the first sync fills an inbox first seen empty', async () => {
    let total = 0;
    const requests: number[] = [];
    const cache = new QueuePageCache(
      async (offset) => {
        requests.push(offset);
        return { total, rows: Array.from({ length: total }, (_, i) => row(i)) };
      },
      () => {},
    );
    cache.ensure(0, 40);
    await settle();
    expect(cache.total).toBe(0);
    // Nothing changed: nothing to ask.
    cache.ensure(0, 40);
    expect(requests).toEqual([0]);
    total = 3;
    cache.invalidate(0, 40);
    await settle();
    expect(requests).toEqual([0, 0]);
    expect(cache.total).toBe(3);
    expect(cache.row(2)?.id).toBe('s2');
  });

  it('reports a failed page and asks again on the next scroll, without a loop', async () => {
    const source = deferredSource();
    let changes = 0;
    const cache = new QueuePageCache(source.fetchPage, () => changes++);
    cache.ensure(0, 10);
    source.requests[0].reject({ code: 'unreachable', message: 'down' });
    await settle();
    expect(cache.error).toEqual({ code: 'unreachable', message: 'down' });
    expect(changes).toBe(1);
    expect(source.requests).toHaveLength(1);
    cache.ensure(0, 10);
    source.requests[1].resolve();
    await settle();
    expect(cache.error).toBeNull();
    expect(cache.row(0)?.id).toBe('s0');
  });

  it('ignores answers that arrive after the query changed (disposed cache)', async () => {
    const source = deferredSource();
    let changes = 0;
    const cache = new QueuePageCache(source.fetchPage, () => changes++);
    cache.ensure(0, 10);
    cache.dispose();
    source.requests[0].resolve();
    await settle();
    expect(changes).toBe(0);
    expect(cache.row(0)).toBeUndefined();
  });
});
