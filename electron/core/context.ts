/** What the engine's parts share: the cache, the event hub, the HTTP dispatcher and the shutdown signal. */
import type { Dispatcher } from 'undici';
import type { CacheStore } from './cache/cache-api.js';
import type { EventHub } from './events.js';

export interface EngineContext {
  cache: CacheStore;
  events: EventHub;
  dispatcher: Dispatcher;
  /**
   * Aborted when the engine closes: loops stop taking new work. Requests in flight are not given it (undici adds an
   * abort listener per request, and dozens run at once); the engine cuts them by destroying the dispatcher.
   */
  signal: AbortSignal;
}
