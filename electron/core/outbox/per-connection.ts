/**
 * The shape every outbox pass shares: deliver items one by one, oldest first; a connection that fails is skipped for
 * the rest of the pass (its first failure is thrown afterwards so the loop backs off), and every attempt tells the
 * engine whether the connection is reachable.
 */
import type { EngineContext } from '../context.js';

export async function deliverPerConnection<T>(
  ctx: EngineContext,
  items: readonly T[],
  sessionIdOf: (item: T) => string,
  deliver: (item: T, connectionId: string) => Promise<void>,
  reportReachability: (connectionId: string, err: unknown) => void,
): Promise<void> {
  const blocked = new Set<string>();
  let failure: unknown = null;
  for (const item of items) {
    if (ctx.signal.aborted) break;
    const session = ctx.cache.getSession(sessionIdOf(item));
    if (session === null) continue;
    const connectionId = session.row.connectionId;
    if (blocked.has(connectionId)) continue;
    try {
      await deliver(item, connectionId);
      reportReachability(connectionId, null);
    } catch (err) {
      blocked.add(connectionId);
      failure ??= err;
      reportReachability(connectionId, err);
    }
  }
  if (failure !== null) throw failure;
}
