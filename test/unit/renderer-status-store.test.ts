// The frame's engine status follows events; when events may have been lost (the browser bridge's event stream
// opened after the first sync began), it reads the status again, so that sync's progress still shows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStatus } from '../../shared/reviewer-api.js';
import { useStatus } from '../../renderer/src/state/status.js';

const idle = { connectionId: 'c1', running: false, sessionsDone: 0, sessionsTotal: 0, bytesDone: 0, bytesTotal: 0 };
let sync = [idle];
const getStatus = vi.fn(async (): Promise<AppStatus> => ({
  keychain: 'os',
  demo: true,
  connections: [],
  outbox: { pending: 0, conflicts: 0 },
  sync,
  webhook: { listening: false, url: null },
}));

beforeEach(() => {
  sync = [idle];
  getStatus.mockClear();
  useStatus.setState({ status: null, connections: [], loadError: null });
  vi.stubGlobal('window', { countersign: { api: { getStatus } } });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the status in the renderer', () => {
  it('reads the status again when anything may have changed, and not for named sessions', async () => {
    await useStatus.getState().refresh();
    expect(useStatus.getState().status?.sync[0]?.running).toBe(false);
    // The sync began while the event stream was still opening: its progress event never arrived.
    sync = [{ ...idle, running: true, sessionsTotal: 44 }];
    useStatus.getState().applyEvent({ type: 'sessions.changed', sessionIds: ['s1'] });
    await settled();
    expect(getStatus).toHaveBeenCalledTimes(1);
    useStatus.getState().applyEvent({ type: 'sessions.changed', sessionIds: [] });
    await settled();
    expect(getStatus).toHaveBeenCalledTimes(2);
    expect(useStatus.getState().status?.sync[0]?.running).toBe(true);
  });

  it('reads the status again when progress arrives before the first status did', async () => {
    const progress = { ...idle, running: true, sessionsTotal: 44 };
    sync = [progress];
    useStatus.getState().applyEvent({ type: 'sync.progress', progress });
    await settled();
    expect(getStatus).toHaveBeenCalledTimes(1);
    expect(useStatus.getState().status?.sync[0]?.running).toBe(true);
  });
});
