/**
 * Crash soak: many more SIGKILLs than the test suite, same checks (test/integration/helpers/engine-crash.ts).
 * Needs a Secret Service, e.g. a throwaway one:
 *   HOME=$(mktemp -d) dbus-run-session -- sh -c \
 *     'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx tsx scripts/soak-crash.ts --kills 100'
 * Prints one JSON line with the figures and exits 1 when a decision was lost or applied twice, a session was half
 * stored, or the database or audit chain is damaged.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OsKeychain } from '../electron/core/keychain/index.js';
import { startSandbox } from '../sandbox/index.js';
import {
  addReceiverSessions,
  crashPhase,
  finalCheck,
  type CrashWorld,
} from '../test/integration/helpers/engine-crash.js';
import { sandboxApps } from '../test/integration/helpers/engine.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '100' } } });
  const kills = Number(values.kills);
  if (!Number.isInteger(kills) || kills < 2) throw new Error('--kills takes a whole number of at least 2');
  const sandboxDir = mkdtempSync(join(tmpdir(), 'cs-soak-sandbox-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'cs-soak-profile-'));
  const sandbox = await startSandbox({ dataDir: sandboxDir });
  try {
    const keychainService = `countersign-soak-${randomUUID()}`;
    await OsKeychain.open({ service: keychainService });
    const world: CrashWorld = { apps: sandboxApps(sandbox), profileDir, keychainService };
    const candidates = await addReceiverSessions(world.apps, 40);
    const syncKills = Math.floor(kills / 2);
    const sync = await crashPhase(world, {
      phase: 'sync',
      kills: syncKills,
      maxRuns: syncKills * 3,
      maxKillMs: 800,
      newSessionsPerRun: 12,
    });
    candidates.push(...(await addReceiverSessions(world.apps, (kills - syncKills) * 3)));
    const decide = await crashPhase(
      world,
      {
        phase: 'decide',
        kills: kills - syncKills,
        maxRuns: (kills - syncKills) * 3,
        maxKillMs: 300,
        decidePerRun: 3,
        candidates: () => candidates,
      },
      sync.reported,
    );
    const report = await finalCheck(world, decide.reported);
    const ok =
      report.lost.length === 0 &&
      report.notSynced.length === 0 &&
      report.duplicates.length === 0 &&
      report.partialSessions.length === 0 &&
      report.integrity.join() === 'ok' &&
      report.auditOk;
    console.log(
      JSON.stringify({
        soak: 'crash',
        kills: sync.kills + decide.kills,
        runs: sync.runs + decide.runs,
        ...report,
        ok,
      }),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await sandbox.close();
    rmSync(sandboxDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
