/**
 * What the engine's area modules (engine-*.ts) work on: the shared context plus the engine's long-lived parts, and
 * the few lookups every area needs. The Engine class owns these parts; the area modules only use them.
 */
import type { z } from 'zod';
import { type ConnectionInput, type ReviewerMethod, type reviewerInputs } from '../../shared/reviewer-api.js';
import { ReviewerError } from '../../shared/reviewer-errors.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import type { EngineContext } from './context.js';
import type { SecretStore } from './keychain/index.js';
import type { OutboxSender } from './outbox/sender.js';
import type { TaskLoop } from './sync/task-loop.js';
import type { WebhookReceiver } from './sync/webhook-receiver.js';

export interface EngineOptions {
  profileDir: string;
  secrets: SecretStore;
  /** Connections to create when the profile has none with the same base URL and application (first-run demo). */
  seedConnections?: ConnectionInput[];
  demo?: boolean;
  /** Poll and send in the background (default). Off: nothing touches the network until syncNow. */
  autoSync?: boolean;
}

export interface EngineState {
  ctx: EngineContext;
  opts: EngineOptions;
  autoSync: boolean;
  runtimes: Map<string, ConnectionRuntime>;
  sender: OutboxSender;
  senderLoop: TaskLoop;
  webhook: WebhookReceiver;
}

/** A ReviewerApi method's input after `reviewerInputs[method]` has parsed it. */
export type Parsed<M extends ReviewerMethod> = z.output<(typeof reviewerInputs)[M]>;

export function runtimeOf(s: EngineState, id: string): ConnectionRuntime {
  const rt = s.runtimes.get(id);
  if (rt === undefined) throw new ReviewerError('not_found', 'No such connection.', 'connectionId');
  return rt;
}

/** Runs a network operation for a connection and records whether its server was reachable. */
export async function reporting<T>(
  s: EngineState,
  connectionId: string,
  fn: (rt: ConnectionRuntime) => Promise<T>,
): Promise<T> {
  const rt = runtimeOf(s, connectionId);
  try {
    return await fn(rt);
  } catch (err) {
    if (isReachabilityError(err)) rt.report(err);
    throw err;
  }
}

export function isReachabilityError(err: unknown): boolean {
  return err instanceof ReviewerError && ['unreachable', 'dns_failed', 'timeout', 'auth_failed'].includes(err.code);
}

/** Starts an outbox pass when decisions wait to be sent (at start, and when a server comes back online). */
export function sendPending(s: EngineState): void {
  if (s.autoSync && s.sender.hasPending()) void s.senderLoop.trigger();
}
