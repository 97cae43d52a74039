/**
 * Data at rest: after a full sync of the sandbox's demo data, no file of the profile folder (database, WAL, profile
 * file) contains an API key, a demo person's last name or a document number, neither while the engine runs nor
 * after it closed. The search is over raw bytes.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/index.js';
import {
  connectionInput,
  engineTestBed,
  removeDir,
  tempDir,
  testKeychain,
  type SandboxApps,
} from './helpers/engine.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Which needles occur in which files. */
function leaks(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${file}: ${needle}`);
  }
  return found;
}

describe('engine data at rest', () => {
  const bed = engineTestBed('rest', { demo: true });
  let apps: SandboxApps;
  let engine: Engine;

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({
      secrets: await testKeychain(),
      seedConnections: [
        connectionInput(apps.baseUrl, apps.receiver, 'receiver'),
        connectionInput(apps.baseUrl, apps.issuer, 'issuer'),
      ],
    });
  });

  it('keeps keys, names and document numbers out of every file of the profile', async () => {
    await engine.syncAndWait();
    const page = await engine.listSessions({ view: 'all', limit: 500 });
    expect(page.total).toBeGreaterThan(20);
    const lastNames = new Set<string>();
    const documentNumbers = new Set<string>();
    let media = 0;
    for (const row of page.rows) {
      const detail = await engine.getSession({ id: row.id });
      media += detail.media.length;
      if (detail.payload.session_kind !== 'user') continue;
      for (const id of detail.payload.id_verifications ?? []) {
        if (id.last_name) lastNames.add(id.last_name);
        if (id.document_number) documentNumbers.add(id.document_number);
      }
    }
    expect(media).toBeGreaterThan(page.total);
    // Very short strings occur by chance in megabytes of ciphertext; five bytes and more do not.
    const long = (s: string) => Buffer.byteLength(s) >= 5;
    const needles = [
      apps.receiver.apiKey,
      apps.issuer.apiKey,
      ...[...lastNames].filter(long),
      ...[...documentNumbers].filter(long),
    ];
    expect([...lastNames].filter(long).length).toBeGreaterThan(5);
    expect([...documentNumbers].filter(long).length).toBeGreaterThan(5);

    // The search itself works: a plain file holding one needle is found.
    const control = tempDir('rest-control');
    try {
      writeFileSync(join(control, 'plain.txt'), `x ${needles[2]} y`);
      expect(leaks(control, needles)).toHaveLength(1);
    } finally {
      removeDir(control);
    }

    const db = readFileSync(join(bed.profileDir, 'countersign.db'));
    expect(db.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(leaks(bed.profileDir, needles)).toEqual([]);
    await engine.close();
    expect(leaks(bed.profileDir, needles)).toEqual([]);
  });
});
