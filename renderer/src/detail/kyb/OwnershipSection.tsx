// Ownership: the graph and the beneficial-owners table, both derived by shared/ownership.ts from the key people of
// every company in the payload.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KybSession } from '../../../../shared/didit/session.js';
import { effectiveOwnership, ownershipGraph, ownershipTree } from '../../../../shared/ownership.js';
import { useSettings } from '../../state/settings.js';
import { Section } from '../../common/Section.js';
import { OwnershipGraph } from './OwnershipGraph.js';
import { BeneficialOwnersTable } from './BeneficialOwnersTable.js';

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
          <OwnershipGraph nodes={graph.nodes} edges={graph.edges} />
          <BeneficialOwnersTable owners={owners} threshold={threshold} />
        </>
      )}
    </Section>
  );
}
