// Ownership: the graph and the beneficial-owners table, both from shared/ownership.ts.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnershipNode } from '../../../../shared/session.js';
import { effectiveOwnership, ownershipGraph } from '../../../../shared/ownership.js';
import { useSettings } from '../../state/settings.js';
import { Section } from '../../common/Section.js';
import { OwnershipGraph } from './OwnershipGraph.js';
import { BeneficialOwnersTable } from './BeneficialOwnersTable.js';

export function OwnershipSection({
  companyName,
  structure,
}: {
  companyName: string;
  structure: readonly OwnershipNode[];
}) {
  const { t } = useTranslation();
  const threshold = useSettings((st) => st.settings.uboThresholdPercent);
  const graph = useMemo(() => ownershipGraph(companyName, structure, threshold), [companyName, structure, threshold]);
  const owners = useMemo(() => effectiveOwnership(structure), [structure]);
  return (
    <Section title={t('ownership.title')} className="ownership">
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
