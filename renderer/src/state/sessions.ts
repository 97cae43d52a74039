// "Sessions changed": the one signal views holding session data refetch on. Engine events name what changed
// (shared/reviewer-api.ts, ReviewerEvent); the changes of one burst (a decision is announced as made, sending and
// synced within a few milliseconds) are gathered and handed to each view once, which refetches only what it shows.
import { useEffect, useRef } from 'react';
import type { ReviewerEvent } from '../../../shared/reviewer-api.js';

export interface SessionChanges {
  /** Any session may have changed (a purge, a removed connection, the event stream reconnecting). */
  all: boolean;
  /** Sessions whose cached copy changed: they may have joined or left a queue view. */
  sessions: ReadonlySet<string>;
  /** Sessions whose decision moved: only a view already showing one of them needs it again. */
  decisions: ReadonlySet<string>;
}

/** Whether a view showing this session should fetch it again. */
export function touches(changes: SessionChanges, sessionId: string): boolean {
  return changes.all || changes.sessions.has(sessionId) || changes.decisions.has(sessionId);
}

/** A burst ends after this long without a new change, and is handed over after at most MAX_WAIT_MS. */
const QUIET_MS = 80;
const MAX_WAIT_MS = 400;

type Listener = (changes: SessionChanges) => void;
const listeners = new Set<Listener>();
let pending: { all: boolean; sessions: Set<string>; decisions: Set<string> } | null = null;
let quiet: ReturnType<typeof setTimeout> | null = null;
let deadline: ReturnType<typeof setTimeout> | null = null;

function deliver(): void {
  if (quiet) clearTimeout(quiet);
  if (deadline) clearTimeout(deadline);
  quiet = deadline = null;
  const changes = pending;
  pending = null;
  if (changes) for (const listener of [...listeners]) listener(changes);
}

function note(all: boolean, sessions: readonly string[], decisions: readonly string[]): void {
  pending ??= { all: false, sessions: new Set(), decisions: new Set() };
  pending.all ||= all;
  for (const id of sessions) pending.sessions.add(id);
  for (const id of decisions) pending.decisions.add(id);
  if (quiet) clearTimeout(quiet);
  quiet = setTimeout(deliver, QUIET_MS);
  deadline ??= setTimeout(deliver, MAX_WAIT_MS);
}

/** Feeds an engine event in; events that change no session (progress, counts alone) are ignored. */
export function noteSessionEvent(event: ReviewerEvent): void {
  if (event.type === 'sessions.changed') note(event.sessionIds.length === 0, event.sessionIds, []);
  else if (event.type === 'outbox.changed' && event.sessionIds.length > 0) note(false, [], event.sessionIds);
  // imports.arrived follows the sessions.changed that named the new sessions: nothing more to fetch.
}

/** Calls `onChange` after each burst of session changes, with what changed; always the latest `onChange`. */
export function useSessionsChanged(onChange: (changes: SessionChanges) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener: Listener = (changes) => latest.current(changes);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
}
