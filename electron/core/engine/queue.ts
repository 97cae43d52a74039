/** The review queue: a page of cached sessions for a view, a filter, a search and a sort. */
import type { Handler } from './state.js';

export const listSessions: Handler<'listSessions'> = async (s, query) => s.ctx.cache.querySessions(query);
