/** Local notes on sessions, and the profile's analyst (kept in the settings table under its own key). */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { analystSchema, type Note } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { CacheStore } from './cache-api.js';

const ANALYST_KEY = 'analyst';

interface NoteRow {
  id: string;
  session_id: string;
  text: string;
  analyst_name: string;
  analyst_email: string;
  created_at: string;
}

function toNote(r: NoteRow): Note {
  return {
    id: r.id,
    sessionId: r.session_id,
    text: r.text,
    analyst: { name: r.analyst_name, email: r.analyst_email },
    createdAt: r.created_at,
  };
}

type NoteMethods = Pick<CacheStore, 'addNote' | 'listNotes' | 'getAnalyst' | 'saveAnalyst'>;

export function noteMethods(db: Database.Database): NoteMethods {
  const sessionExists = db.prepare<[string], { one: number }>(`SELECT 1 AS one FROM sessions WHERE id = ?`);
  const insert = db.prepare(`INSERT INTO notes (id, session_id, text, analyst_name, analyst_email, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`);
  const bySession = db.prepare<[string], NoteRow>(
    `SELECT * FROM notes WHERE session_id = ? ORDER BY created_at, rowid`,
  );
  const selectOne = db.prepare<[string], NoteRow>(`SELECT * FROM notes WHERE id = ?`);
  const getSetting = db.prepare<[string], { value_json: string }>(`SELECT value_json FROM settings WHERE key = ?`);
  const putSetting = db.prepare(`INSERT INTO settings (key, value_json) VALUES (?, ?)
    ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`);

  return {
    addNote(n) {
      if (!sessionExists.get(n.sessionId))
        throw new ReviewerError('not_found', 'That session is not in the local cache.');
      const id = randomUUID();
      insert.run(id, n.sessionId, n.text, n.analyst.name, n.analyst.email, new Date().toISOString());
      return toNote(selectOne.get(id)!);
    },

    listNotes(sessionId) {
      return bySession.all(sessionId).map(toNote);
    },

    getAnalyst() {
      const r = getSetting.get(ANALYST_KEY);
      if (!r) return null;
      try {
        const parsed = analystSchema.safeParse(JSON.parse(r.value_json));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },

    saveAnalyst(a) {
      const parsed = analystSchema.safeParse(a);
      if (!parsed.success) throw new ReviewerError('validation', 'An analyst needs a name (and optionally an email).');
      putSetting.run(ANALYST_KEY, JSON.stringify(parsed.data));
    },
  };
}
