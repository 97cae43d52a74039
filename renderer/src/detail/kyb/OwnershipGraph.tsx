// The ownership structure drawn top-down: the company, intermediate companies, then every ultimate owner with its
// effective share; edges carry the direct percentage; owners at or above the threshold are highlighted.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { OwnershipGraphEdge, OwnershipGraphNode } from '../../../../shared/ownership.js';
import { formatPercent } from '../../common/format.js';
import { statusLabel } from '../../common/labels.js';
import { useSettings } from '../../state/settings.js';
import { layoutOwnership, NODE_HEIGHT, NODE_WIDTH } from './ownershipLayout.js';

type OwnerNode = Node<{ owner: OwnershipGraphNode }, 'owner'>;

function OwnerNodeView({ data }: NodeProps<OwnerNode>) {
  const { t, i18n } = useTranslation();
  const { owner } = data;
  return (
    <div
      className={`kyb-owner kyb-owner-${owner.entityType}${owner.aboveThreshold ? ' kyb-above-threshold' : ''}`}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
    >
      {owner.entityType !== 'root' && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <strong className="kyb-owner-name">{owner.name}</strong>
      <span className="kyb-owner-meta">
        {t(`ownership.type.${owner.entityType}`)}
        {owner.effective !== null && <> · {formatPercent(owner.effective, i18n.language)}</>}
      </span>
      {owner.kycStatus && (
        <span className="kyb-owner-meta">{t('ownership.kyc', { status: statusLabel(t, owner.kycStatus) })}</span>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { owner: OwnerNodeView };

interface Props {
  nodes: readonly OwnershipGraphNode[];
  edges: readonly OwnershipGraphEdge[];
}

export function OwnershipGraph({ nodes, edges }: Props) {
  const { t, i18n } = useTranslation();
  const theme = useSettings((s) => s.settings.theme);
  const flowNodes = useMemo<OwnerNode[]>(
    () =>
      layoutOwnership(nodes, edges).map((n) => ({
        id: n.id,
        type: 'owner',
        position: { x: n.x, y: n.y },
        data: { owner: n },
        draggable: false,
        connectable: false,
        deletable: false,
        ariaLabel: [
          n.name,
          t(`ownership.type.${n.entityType}`),
          n.effective !== null
            ? t('ownership.effectiveShare', { value: formatPercent(n.effective, i18n.language) })
            : null,
          n.aboveThreshold ? t('ownership.aboveThreshold') : null,
        ]
          .filter(Boolean)
          .join(', '),
      })),
    [nodes, edges, t, i18n.language],
  );
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: formatPercent(e.percentage, i18n.language),
        deletable: false,
        className: 'kyb-ownership-edge',
      })),
    [edges, i18n.language],
  );
  return (
    <div className="kyb-ownership-graph" role="group" aria-label={t('ownership.graph')}>
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        fitView
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        minZoom={0.2}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('ownership.nodeHelp'),
          'node.a11yDescription.keyboardDisabled': t('ownership.nodeHelp'),
          'controls.ariaLabel': t('ownership.controls'),
          'controls.zoomIn.ariaLabel': t('ownership.zoomIn'),
          'controls.zoomOut.ariaLabel': t('ownership.zoomOut'),
          'controls.fitView.ariaLabel': t('ownership.fitView'),
        }}
      >
        <Background />
        <Controls position="top-right" showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
