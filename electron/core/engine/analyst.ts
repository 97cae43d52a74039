/**
 * The profile's analyst: who decides, notes and acts here. Every decision, note and audit entry carries it, and the
 * comment sent to Didit ends with its name. Until one is saved (the first-start prompt asks), the OS user's name
 * stands in, so nothing is ever unattributed.
 */
import { userInfo } from 'node:os';
import type { Analyst } from '../../../shared/reviewer-api.js';
import type { Handler, EngineState } from './state.js';

/** The OS account's name, as the first-start prompt suggests it. */
export function suggestedAnalyst(): Analyst {
  let name = '';
  try {
    name = userInfo().username.trim();
  } catch {
    // No user database entry (some containers): fall back below.
  }
  return { name: (name || process.env.USER || process.env.USERNAME || 'Analyst').slice(0, 100), email: '' };
}

export function currentAnalyst(s: EngineState): Analyst {
  return s.ctx.cache.getAnalyst() ?? suggestedAnalyst();
}

/** The actor fields every audit entry of an analyst's action carries (`details.actor`, `details.actorEmail`). */
export function actorDetails(a: Analyst): { actor: string; actorEmail: string | null } {
  return { actor: a.name, actorEmail: a.email || null };
}

export const getAnalyst: Handler<'getAnalyst'> = async (s) => ({
  analyst: s.ctx.cache.getAnalyst(),
  suggested: suggestedAnalyst(),
});

export const setAnalyst: Handler<'setAnalyst'> = async (s, analyst) => {
  const { cache } = s.ctx;
  const before = cache.getAnalyst();
  cache.transaction(() => {
    cache.saveAnalyst(analyst);
    cache.appendAudit({
      type: 'analyst.changed',
      details: {
        ...actorDetails(analyst),
        old: before ? { name: before.name, email: before.email } : null,
        new: { name: analyst.name, email: analyst.email },
      },
    });
  });
  return analyst;
};
