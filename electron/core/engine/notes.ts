/**
 * Notes on a session that leave its status alone. Didit documents no API way to do that (create-review requires
 * `new_status`; docs/didit-api.md §10), so notes stay in this profile: the UI says so. Each carries the analyst.
 */
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { actorDetails, currentAnalyst } from './analyst.js';
import type { Handler } from './state.js';

export const addNote: Handler<'addNote'> = async (s, { sessionId, text }) => {
  const { cache } = s.ctx;
  const session = cache.getSession(sessionId);
  if (session === null) throw new ReviewerError('not_found', 'That session is not in the local cache.', 'sessionId');
  const analyst = currentAnalyst(s);
  const note = cache.transaction(() => {
    const made = cache.addNote({ sessionId, text, analyst });
    cache.appendAudit({
      type: 'note.added',
      sessionId,
      connectionId: session.row.connectionId,
      details: { ...actorDetails(analyst), noteId: made.id, length: text.length },
    });
    return made;
  });
  s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [sessionId] });
  return note;
};
