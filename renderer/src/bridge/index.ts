/**
 * Puts `window.countersign` (the CountersignBridge of shared/reviewer-api.ts) in place for the browser host.
 * In Electron the preload script has already exposed it, so installBridge() leaves it alone.
 *
 * Browser host wire format (electron/serve): `POST /api/<method>` with a JSON body (the engine parses it), events as
 * server-sent events on `GET /api/events`, media on `GET /media?session=<id>&locator=<locator>`. The page
 * authenticates with the HttpOnly SameSite=Strict cookie the host set when the launch URL's token was presented, so
 * nothing here ever sees the token.
 *
 * A failed call rejects with a ReviewerError (`code`, `message`, optional `field`); in Electron the preload rejects
 * with a plain `{ code, message, field? }` object, so the UI should read `code`/`message` and not rely on the class.
 */
import {
  createReviewerApi,
  type CountersignBridge,
  type ReviewerEvent,
  type ReviewerMethod,
} from '../../../shared/reviewer-api.js';
import { ReviewerError, reviewerErrorSchema } from '../../../shared/reviewer-errors.js';

async function call(method: ReviewerMethod, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  } catch {
    throw new ReviewerError('unreachable', 'The Countersign host is not answering. Is `npm run serve` still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const error = reviewerErrorSchema.safeParse(body);
  if (error.success) throw new ReviewerError(error.data.code, error.data.message, error.data.field);
  if (response.status === 401) {
    throw new ReviewerError(
      'forbidden',
      'This page is not signed in to the Countersign host: open the URL it printed.',
    );
  }
  throw new ReviewerError('internal', `The Countersign host answered ${response.status}.`);
}

/** One EventSource shared by every listener, opened on the first subscription and closed with the last. */
function eventHub(): CountersignBridge['onEvent'] {
  const listeners = new Set<(event: ReviewerEvent) => void>();
  let source: EventSource | null = null;
  const dispatch = (message: MessageEvent<string>) => {
    let event: ReviewerEvent;
    try {
      event = JSON.parse(message.data) as ReviewerEvent;
    } catch {
      return; // the host only sends JSON; anything else is not an event
    }
    for (const listener of listeners) listener(event);
  };
  return (listener) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource('/api/events');
      source.onmessage = dispatch;
      // Events sent while the stream was (re)connecting are lost: on every open, tell listeners that sessions and
      // partners may have changed, so what was fetched before the stream opened (e.g. during the first sync) is
      // fetched again.
      source.onopen = () => {
        for (const l of listeners) {
          l({ type: 'sessions.changed', sessionIds: [] });
          l({ type: 'partners.changed' });
        }
      };
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
}

function createBrowserBridge(): CountersignBridge {
  return {
    api: createReviewerApi(call),
    mediaUrl: (sessionId, locator) =>
      `/media?session=${encodeURIComponent(sessionId)}&locator=${encodeURIComponent(locator)}`,
    onEvent: eventHub(),
    host: 'browser',
  };
}

/** Call once at startup, before the first render. */
export function installBridge(): void {
  // Typed locally: the UI declares the global as always present (renderer/src/global.d.ts).
  const host = window as unknown as { countersign?: CountersignBridge };
  if (host.countersign) return;
  host.countersign = Object.freeze(createBrowserBridge());
}
