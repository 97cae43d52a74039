/**
 * What the engine's areas work on: the shared context plus the engine's long-lived parts, the one shape every area
 * function has (`Handler`), and the few lookups every area needs. The Engine class owns these parts; the areas only
 * use them.
 */
import type { z } from 'zod';
import type { ConnectionInput, ReviewerMethod, ReviewerOutputs, reviewerInputs } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { EngineContext } from '../context.js';
import { isConnectionFailure } from '../errors.js';
import type { ProxySettings } from '../http-dispatcher.js';
import type { SecretStore } from '../keychain/index.js';
import type { OutboxSender } from '../outbox/sender.js';
import type { DispositionSender } from '../outbox/disposition-sender.js';
import type { ProposalPublisher } from '../outbox/proposal-publisher.js';
import type { TaskLoop } from '../sync/task-loop.js';
import type { WebhookReceiver } from '../sync/webhook-receiver.js';
import type { ConnectionRuntime } from './connection-runtime.js';

export interface EngineOptions {
  profileDir: string;
  secrets: SecretStore;
  /** Connections to create when the profile has none with the same base URL and application (first-run demo). */
  seedConnections?: ConnectionInput[];
  demo?: boolean;
  /** Poll and send in the background (default). Off: nothing touches the network until syncNow. */
  autoSync?: boolean;
  /** The proxy for API calls and media downloads; default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from process.env. */
  proxy?: ProxySettings;
}

export interface EngineState {
  ctx: EngineContext;
  opts: EngineOptions;
  autoSync: boolean;
  runtimes: Map<string, ConnectionRuntime>;
  sender: OutboxSender;
  /** The AML disposition outbox (sent before decisions, in the same loop). */
  dispositions: DispositionSender;
  /** Four-eyes proposals waiting to be published on the reviews feed (engine/four-eyes.ts). */
  proposals: ProposalPublisher;
  senderLoop: TaskLoop;
  webhook: WebhookReceiver;
  /** Closes the engine (the engine owns the shutdown); the wipe calls it from inside its own call. */
  close(): Promise<void>;
}

/** A ReviewerApi method's input after `reviewerInputs[method]` has parsed it. */
export type Parsed<M extends ReviewerMethod> = z.output<(typeof reviewerInputs)[M]>;

/** The one shape of every area function: the body of ReviewerApi method `M`, given the state and the parsed input. */
export type Handler<M extends ReviewerMethod> = (s: EngineState, input: Parsed<M>) => Promise<ReviewerOutputs[M]>;

export function runtimeOf(s: EngineState, id: string): ConnectionRuntime {
  const rt = s.runtimes.get(id);
  if (rt === undefined) throw new ReviewerError('not_found', 'No such connection.', 'connectionId');
  return rt;
}

/** Runs a one-off network operation for a connection and records a failure that is the connection's own. */
export async function reporting<T>(
  s: EngineState,
  connectionId: string,
  fn: (rt: ConnectionRuntime) => Promise<T>,
): Promise<T> {
  const rt = runtimeOf(s, connectionId);
  try {
    return await fn(rt);
  } catch (err) {
    if (isConnectionFailure(err)) rt.report(err);
    throw err;
  }
}

/** Starts an outbox pass when decisions wait to be sent (at start, and when a server comes back online). */
export function sendPending(s: EngineState): void {
  if (s.autoSync && (s.sender.hasPending() || s.dispositions.hasPending() || s.proposals.hasPending()))
    void s.senderLoop.trigger();
}
