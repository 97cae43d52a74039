// Ownership: the graph and the beneficial-owners table, both derived by shared/ownership.ts from the key people of
// every company in the payload.
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KybSession } from '../../../../shared/didit/session.js';
import { effectiveOwnership, ownershipGraph, ownershipTree } from '../../../../shared/ownership.js';
import { useSettings } from '../../state/settings.js';
import { Section } from '../../common/Section.js';
import { BeneficialOwnersTable } from './BeneficialOwnersTable.js';

// The graph (React Flow and its layout engine) is most of a case view's code: a chunk of its own, loaded when shown.
const OwnershipGraph = lazy(() => import('./OwnershipGraph.js').then((m) => ({ default: m.OwnershipGraph })));

export function OwnershipSection({ companyName, payload }: { companyName: string; payload: KybSession }) {
  const { t } = useTranslation();
  const threshold = useSettings((st) => st.settings.uboThresholdPercent);
  const structure = useMemo(() => ownershipTree(payload), [payload]);
  const graph = useMemo(() => ownershipGraph(companyName, structure, threshold), [companyName, structure, threshold]);
  const owners = useMemo(() => effectiveOwnership(structure), [structure]);
  return (
    <Section title={t('ownership.title')} className="kyb-ownership">
      {structure.length === 0 ? (
        <p className="muted">{t('ownership.none')}</p>
      ) : (
        <>
          <Suspense fallback={null}>
            <OwnershipGraph nodes={graph.nodes} edges={graph.edges} />
          </Suspense>
          <BeneficialOwnersTable owners={owners} threshold={threshold} />
        </>
      )}
    </Section>
  );
}
