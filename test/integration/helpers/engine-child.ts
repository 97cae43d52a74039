/**
 * The engine in a process of its own, for crash tests: the parent kills it with SIGKILL at random moments.
 * Usage: node --import tsx engine-child.ts '<json ChildJob>'. Prints one JSON line per step on stdout:
 * {"event":"ready"} once open, {"event":"decided",...} after each decision is recorded, {"event":"done"} at the end.
 */
import type { ConnectionInput } from '../../../shared/reviewer-api.js';
import { openEngine } from '../../../electron/core/index.js';
import { OsKeychain } from '../../../electron/core/keychain/index.js';

export interface ChildJob {
  profileDir: string;
  keychainService: string;
  seedConnections?: ConnectionInput[];
  /** Sessions to approve or decline (those cached, In Review and undecided), at most `decideCount` of them. */
  decideCandidates?: string[];
  decideCount?: number;
  /** Share tokens to redeem with the first receiving connection, one after the other. */
  redeem?: { shareToken: string; workflowId: string; trustReview: boolean }[];
}

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;
  const secrets = await OsKeychain.open({ service: job.keychainService });
  const engine = await openEngine({
    profileDir: job.profileDir,
    secrets,
    seedConnections: job.seedConnections,
    autoSync: false,
  });
  say({ event: 'ready' });
  const receiver = (await engine.listConnections({})).find((c) => c.role !== 'issuer');
  for (const r of job.redeem ?? []) {
    const result = await engine.redeemToken({ connectionId: receiver!.id, ...r });
    say({ event: 'redeemed', sessionId: result.sessionId });
  }
  let decided = 0;
  for (const sessionId of job.decideCandidates ?? []) {
    if (decided >= (job.decideCount ?? 0)) break;
    const detail = await engine.getSession({ id: sessionId }).catch(() => null);
    if (detail === null || detail.row.status !== 'In Review' || detail.decisions.length > 0) continue;
    const decline = decided % 2 === 1;
    const d = await engine.decide({
      sessionId,
      newStatus: decline ? 'Declined' : 'Approved',
      comment: decline ? 'Crash-test decline' : 'Crash-test approval',
      // The analyst saw the AML hits: the default policy asks for that confirmation before approving.
      confirmUnreviewedHits: !decline,
    });
    decided++;
    say({ event: 'decided', sessionId, decisionId: d.id, marker: d.marker });
  }
  // One sync pass and one outbox pass: the parent kills the process somewhere in here.
  await engine.syncAndWait();
  await engine.close();
  say({ event: 'done' });
}

main().catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  say({ event: 'error', code: e.code ?? 'unknown', message: e.message ?? String(err) });
  process.exitCode = 1;
});
