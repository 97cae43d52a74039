// The open case and the queue's selection while the list changes: j/k and a decided case leaving the list open
// the row now selected; a sync that adds or reorders rows keeps the open case and moves the selection to it.
import { describe, expect, it } from 'vitest';
import type { QueuePage, QueueRow } from '../../shared/reviewer-api.js';
import { QueuePageCache } from '../../renderer/src/queue/pageCache.js';
import { followSelection } from '../../renderer/src/queue/followSelection.js';

const listed = (ids: string[]) => (id: string) => ids.indexOf(id);

describe('followSelection', () => {
  it('keeps the open case when rows are added above it, moving the selection to where it went', () => {
    // Case "b" open at row 1; a sync put a new session on top, so row 1 now shows "a".
    const action = followSelection({ index: 1, id: 'b' }, { index: 1, id: 'a' }, 'b', listed(['new', 'a', 'b']));
    expect(action).toEqual({ kind: 'move', index: 2 });
  });

  it('opens the next case when the open one left the list (decided), as the analyst expects after approving', () => {
    const action = followSelection({ index: 1, id: 'b' }, { index: 1, id: 'c' }, 'b', listed(['a', 'c']));
    expect(action).toEqual({ kind: 'open', id: 'c' });
  });

  it('opens the row the analyst moved to with j/k, even though the previous one is still listed', () => {
    const action = followSelection({ index: 1, id: 'b' }, { index: 2, id: 'c' }, 'b', listed(['a', 'b', 'c']));
    expect(action).toEqual({ kind: 'open', id: 'c' });
  });

  it('does nothing when no case is open on the selected row, or nothing changed', () => {
    expect(followSelection({ index: 1, id: 'b' }, { index: 1, id: 'a' }, null, listed(['a', 'b']))).toBeNull();
    expect(followSelection({ index: 1, id: 'b' }, { index: 1, id: 'a' }, 'x', listed(['a', 'b']))).toBeNull();
    expect(followSelection({ index: 1, id: 'b' }, { index: 1, id: 'b' }, 'b', listed(['a', 'b']))).toBeNull();
    expect(followSelection(null, { index: 0, id: 'a' }, 'a', listed(['a']))).toBeNull();
  });
});

describe('QueuePageCache.indexOf', () => {
  const rows = (ids: string[]) => ids.map((id) => ({ id }) as QueueRow);
  it('finds a session on a loaded page, and not on a page waiting to be fetched again', async () => {
    let answer = rows(['a', 'b', 'c', 'd', 'e']);
    const cache = new QueuePageCache(
      async (offset, limit): Promise<QueuePage> => ({
        total: answer.length,
        rows: answer.slice(offset, offset + limit),
      }),
      () => undefined,
      2,
    );
    cache.ensure(0, 4);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.indexOf('d')).toBe(3);
    expect(cache.indexOf('zz')).toBe(-1);
    answer = rows(['new', 'a', 'b', 'c', 'd', 'e']);
    cache.invalidate(0, 4);
    // Until the refetch lands, the old pages are on screen but their places may be out of date.
    expect(cache.indexOf('d')).toBe(-1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.indexOf('d')).toBe(4);
  });
});
