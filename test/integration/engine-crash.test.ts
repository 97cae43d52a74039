/**
 * Crash safety: the engine runs in a child process that is SIGKILLed at random moments, first while it syncs
 * sessions with their media, then while it records and sends decisions (at least 20 kills in all). Afterwards no
 * decision is lost or applied twice, no session is half stored, and the database and audit chain are intact.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInReview } from '../../shared/didit/statuses.js';
import {
  addReceiverSessions,
  crashPhase,
  finalCheck,
  importCrashPhase,
  type CrashWorld,
} from './helpers/engine-crash.js';
import { engineTestBed, removeDir, tempDir, testKeychain } from './helpers/engine.js';

describe('engine crash safety (kill -9)', () => {
  const bed = engineTestBed('crash');
  let world: CrashWorld;

  beforeAll(async () => {
    const service = `countersign-test-${randomUUID()}`;
    await testKeychain(service);
    world = { apps: bed.apps, profileDir: bed.profileDir, keychainService: service };
    await addReceiverSessions(world.apps, 30);
  });

  it(
    'loses nothing and applies nothing twice across 20+ kills during sync and sending',
    { timeout: 600_000 },
    async () => {
      const sync = await crashPhase(world, {
        phase: 'sync',
        kills: 10,
        maxRuns: 30,
        maxKillMs: 800,
        newSessionsPerRun: 12,
      });
      expect(sync.kills).toBeGreaterThanOrEqual(10);

      const inReview = async () => {
        const res = await fetch(`${world.apps.baseUrl}/v3/sessions/?limit=100&session_kind=all`, {
          headers: { 'x-api-key': world.apps.receiver.apiKey },
        });
        const body = (await res.json()) as { results: { session_id: string; status: string }[] };
        return body.results.filter((s) => isInReview(s.status)).map((s) => s.session_id);
      };
      const candidates = await inReview();
      const decide = await crashPhase(
        world,
        { phase: 'decide', kills: 12, maxRuns: 40, maxKillMs: 300, decidePerRun: 3, candidates: () => candidates },
        sync.reported,
      );
      expect(decide.kills).toBeGreaterThanOrEqual(12);
      expect(sync.kills + decide.kills).toBeGreaterThanOrEqual(20);
      expect(decide.reported.size).toBeGreaterThan(5);

      const report = await finalCheck(world, decide.reported);
      expect(report.lost).toEqual([]);
      expect(report.notSynced).toEqual([]);
      expect(report.duplicates).toEqual([]);
      expect(report.partialSessions).toEqual([]);
      expect(report.integrity).toEqual(['ok']);
      expect(report.auditOk).toBe(true);
      expect(report.decisionsLocal).toBeGreaterThanOrEqual(report.decisionsReported);
      console.log(JSON.stringify({ kills: sync.kills + decide.kills, runs: sync.runs + decide.runs, ...report }));
    },
  );

  it('keeps every session whose token the server spent, even when killed right after the answer', async () => {
    const service = `countersign-test-${randomUUID()}`;
    await testKeychain(service);
    const profile = tempDir('crash-import');
    try {
      const report = await importCrashPhase({ apps: bed.apps, profileDir: profile, keychainService: service }, 6);
      expect(report.killedAfterAnswer).toBe(3);
      expect(report.missing).toEqual([]);
      expect(report.withoutProvenance).toEqual([]);
    } finally {
      removeDir(profile);
    }
  }, 180_000);
});
