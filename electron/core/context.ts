/** What the engine's parts share: the cache, the event hub, the HTTP dispatcher and the shutdown signal. */
import type { Dispatcher } from 'undici';
import type { CacheStore } from './cache/cache-api.js';
import type { EventHub } from './events.js';

export interface EngineContext {
  cache: CacheStore;
  events: EventHub;
  dispatcher: Dispatcher;
  /** Aborted when the engine closes: every request in flight stops. */
  signal: AbortSignal;
}
