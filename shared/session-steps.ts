/**
 * The steps (workflow nodes) of a session a resubmission can name: every feature item with a `node_id`, in the
 * order a case shows them. KYB registry and key-people steps cannot be resubmitted (docs/didit-api.md §8).
 */
import { KYB_BLOCKS, KYC_BLOCKS, type SessionPayload } from './didit/session.js';

export const NOT_RESUBMITTABLE_KYB_BLOCKS: readonly string[] = ['registry_checks', 'key_people_checks'];

export interface SessionStep {
  nodeId: string;
  /** The payload block the step belongs to (`id_verifications`, `liveness_checks`, ...). */
  block: string;
  /** The feature item's status as the payload gives it. */
  status: string | null;
  resubmittable: boolean;
}

export function sessionSteps(payload: SessionPayload): SessionStep[] {
  const blocks = payload.session_kind === 'business' ? KYB_BLOCKS : KYC_BLOCKS;
  const record = payload as unknown as Record<string, unknown>;
  const steps: SessionStep[] = [];
  const seen = new Set<string>();
  for (const { name } of blocks) {
    const items = record[name];
    if (!Array.isArray(items)) continue;
    for (const item of items as unknown[]) {
      if (item === null || typeof item !== 'object') continue;
      const { node_id: nodeId, status } = item as { node_id?: unknown; status?: unknown };
      if (typeof nodeId !== 'string' || nodeId.length === 0 || seen.has(nodeId)) continue;
      seen.add(nodeId);
      steps.push({
        nodeId,
        block: name,
        status: typeof status === 'string' ? status : null,
        resubmittable: !(payload.session_kind === 'business' && NOT_RESUBMITTABLE_KYB_BLOCKS.includes(name)),
      });
    }
  }
  return steps;
}
