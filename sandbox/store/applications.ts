/**
 * Applications, their API keys (only a SHA-256 hash is stored) and their workflows.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionKind } from '../../shared/didit/statuses.js';
import type { Db } from './db.js';

export const PRIVILEGES = ['read:sessions', 'write:sessions'] as const;
export type Privilege = (typeof PRIVILEGES)[number];

export interface Application {
  id: string;
  name: string;
  privileges: Privilege[];
}

export interface Workflow {
  id: string;
  session_kind: SessionKind;
  label: string;
}

interface ApplicationRow {
  id: string;
  name: string;
  privileges: string;
}

function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

const toApplication = (row: ApplicationRow): Application => ({
  id: row.id,
  name: row.name,
  privileges: row.privileges.split(' ').filter(Boolean) as Privilege[],
});

export class ApplicationStore {
  private readonly byKeyHash;
  private readonly byId;
  private readonly all;
  private readonly insertApp;
  private readonly insertWorkflow;
  private readonly workflowsOf;
  private readonly workflowById;
  private readonly bumpSessionNumber;

  constructor(private readonly db: Db) {
    this.byKeyHash = db.prepare<[string], ApplicationRow>(
      'SELECT id, name, privileges FROM applications WHERE api_key_hash = ?',
    );
    this.byId = db.prepare<[string], ApplicationRow>('SELECT id, name, privileges FROM applications WHERE id = ?');
    this.all = db.prepare<[], ApplicationRow>('SELECT id, name, privileges FROM applications ORDER BY rowid');
    this.insertApp = db.prepare(
      'INSERT INTO applications (id, name, api_key_hash, privileges, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertWorkflow = db.prepare(
      'INSERT INTO workflows (id, application_id, session_kind, label) VALUES (?, ?, ?, ?)',
    );
    this.workflowsOf = db.prepare<[string], Workflow>(
      'SELECT id, session_kind, label FROM workflows WHERE application_id = ? ORDER BY rowid',
    );
    this.workflowById = db.prepare<[string, string], Workflow>(
      'SELECT id, session_kind, label FROM workflows WHERE id = ? AND application_id = ?',
    );
    this.bumpSessionNumber = db.prepare<[string], { last_session_number: number }>(
      'UPDATE applications SET last_session_number = last_session_number + 1 WHERE id = ? RETURNING last_session_number',
    );
  }

  /** Creates an application with a KYC and a KYB workflow; the API key is returned once and never stored. */
  create(name: string, privileges: readonly Privilege[] = PRIVILEGES, createdAt = new Date().toISOString()) {
    const apiKey = `sbx_${randomBytes(24).toString('base64url')}`;
    const application: Application = { id: randomUUID(), name, privileges: [...privileges] };
    const workflows: Workflow[] = [
      { id: randomUUID(), session_kind: 'user', label: 'KYC onboarding' },
      { id: randomUUID(), session_kind: 'business', label: 'KYB onboarding' },
    ];
    this.db.transaction(() => {
      this.insertApp.run(application.id, name, hashApiKey(apiKey), privileges.join(' '), createdAt);
      for (const w of workflows) this.insertWorkflow.run(w.id, application.id, w.session_kind, w.label);
    })();
    return { application, apiKey, workflows };
  }

  findByApiKey(apiKey: string): Application | undefined {
    const row = this.byKeyHash.get(hashApiKey(apiKey));
    return row && toApplication(row);
  }

  find(id: string): Application | undefined {
    const row = this.byId.get(id);
    return row && toApplication(row);
  }

  list(): Application[] {
    return this.all.all().map(toApplication);
  }

  workflows(applicationId: string): Workflow[] {
    return this.workflowsOf.all(applicationId);
  }

  workflow(id: string, applicationId: string): Workflow | undefined {
    return this.workflowById.get(id, applicationId);
  }

  /** Numbers never repeat within an application, even after deletions. Call inside the inserting transaction. */
  nextSessionNumber(applicationId: string): number {
    const row = this.bumpSessionNumber.get(applicationId);
    if (!row) throw new Error('Unknown application');
    return row.last_session_number;
  }
}
