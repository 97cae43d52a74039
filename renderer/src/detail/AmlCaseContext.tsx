// The open case's AML dispositions, for the hit cards deep inside the KYC / KYB sections: the session, the analyst's
// dispositions (latest per hit) and whether hits can be dispositioned now (In Review, and not on the PDF).
import { createContext, useContext, type ReactNode } from 'react';
import type { AmlDisposition, SessionDetail } from '../../../shared/reviewer-api.js';
import { isInReview } from '../../../shared/didit/statuses.js';

export interface AmlCase {
  sessionId: string;
  /** The latest disposition of each hit (`nodeId|hitId`), whatever its state. */
  latest: Map<string, AmlDisposition>;
  canDispose: boolean;
}

const Ctx = createContext<AmlCase | null>(null);

export const hitKey = (nodeId: string | null | undefined, hitId: string): string => `${nodeId ?? ''}|${hitId}`;

export function AmlCaseProvider({ detail, children }: { detail: SessionDetail; children: ReactNode }) {
  const latest = new Map<string, AmlDisposition>();
  for (const d of detail.dispositions ?? []) if (d.state !== 'superseded') latest.set(hitKey(d.nodeId, d.hitId), d);
  const value: AmlCase = {
    sessionId: detail.row.id,
    latest,
    canDispose: isInReview(detail.row.status) && detail.row.decision !== 'queued' && detail.row.decision !== 'sending',
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAmlCase(): AmlCase | null {
  return useContext(Ctx);
}
