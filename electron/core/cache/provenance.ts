/**
 * Where shared sessions come from, as far as this profile can see: the original of a clone held by one of the
 * profile's own connections, and the attribution of imports that arrived by sync (made outside this app) to the
 * application of the connection that holds their original. Session ids are unique across Didit, so an original
 * listed by our issuing connection's server is that application's session: a fact, not a guess.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { CacheStore } from './cache-api.js';

const SOURCE_APP = `
  SELECT c.application_id FROM issued_sessions i JOIN connections c ON c.id = i.connection_id
    WHERE i.id = sessions.shared_from_session AND i.connection_id <> sessions.connection_id
  UNION ALL
  SELECT c.application_id FROM sessions o JOIN connections c ON c.id = o.connection_id
    WHERE o.id = sessions.shared_from_session AND o.connection_id <> sessions.connection_id
  LIMIT 1`;

export function provenanceMethods(db: Database.Database): Pick<CacheStore, 'sourceOfShared' | 'attributeImports'> {
  const source = db.prepare<
    [string, string, string, string],
    { connectionId: string; connectionName: string; applicationId: string; status: string }
  >(`
    SELECT c.id AS connectionId, c.name AS connectionName, c.application_id AS applicationId, i.status
      FROM issued_sessions i JOIN connections c ON c.id = i.connection_id WHERE i.id = ? AND i.connection_id <> ?
    UNION ALL
    SELECT c.id, c.name, c.application_id, o.server_status
      FROM sessions o JOIN connections c ON c.id = o.connection_id WHERE o.id = ? AND o.connection_id <> ?
    LIMIT 1`);
  // Only sessions no import of ours describes (imported_at and trust_review unset): ours carry the token's issuer.
  const attribute = db.prepare<[], { id: string }>(`
    UPDATE sessions SET source_application_id = (${SOURCE_APP})
    WHERE source_application_id IS NULL AND shared_from_session IS NOT NULL AND imported_at IS NULL
      AND trust_review IS NULL AND EXISTS (${SOURCE_APP})
    RETURNING id`);
  return {
    sourceOfShared(sessionId, exceptConnectionId) {
      return source.get(sessionId, exceptConnectionId, sessionId, exceptConnectionId) ?? null;
    },
    attributeImports() {
      return attribute.all().map((r) => r.id);
    },
  };
}
