// The ownership structure drawn top-down: the company, intermediate companies, then every ultimate owner with its
// effective share; edges carry the direct percentage; owners at or above the threshold are highlighted, and a person
// whose KYC was declined is drawn apart (red, dashed, "KYC declined" in text and in the node's accessible name).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Background,
  BaseEdge,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { OwnershipGraphEdge, OwnershipGraphNode } from '../../../../shared/ownership.js';
import { formatPercent } from '../../common/format.js';
import { statusLabel } from '../../common/labels.js';
import { useSettings } from '../../state/settings.js';
import {
  layoutOwnership,
  MIN_FIT_ZOOM,
  NODE_HEIGHT,
  NODE_WIDTH,
  ownerClassName,
  ownerMarks,
  ownershipPath,
} from './ownershipLayout.js';

type OwnerNode = Node<{ owner: OwnershipGraphNode }, 'owner'>;

function OwnerNodeView({ data }: NodeProps<OwnerNode>) {
  const { t, i18n } = useTranslation();
  const { owner } = data;
  const marks = ownerMarks(owner);
  return (
    <div className={ownerClassName(owner)} style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}>
      {owner.entityType !== 'root' && <Handle type="target" position={Position.Top} isConnectable={false} />}
      <strong className="kyb-owner-name">{owner.name}</strong>
      <span className="kyb-owner-meta">
        {t(`ownership.type.${owner.entityType}`)}
        {owner.effective !== null && <> · {formatPercent(owner.effective, i18n.language)}</>}
      </span>
      {marks.kycDeclined ? (
        <span className="kyb-owner-flag">{t('ownership.kycDeclined')}</span>
      ) : (
        owner.kycStatus && (
          <span className="kyb-owner-meta">{t('ownership.kyc', { status: statusLabel(t, owner.kycStatus) })}</span>
        )
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

type OwnershipEdge = Edge<{ bends: { x: number; y: number }[]; labelX: number; labelY: number }, 'ownership'>;

/** An edge along dagre's route, its percentage at the spot dagre kept free for it. */
function OwnershipEdgeView({ id, sourceX, sourceY, targetX, targetY, data, label, ...rest }: EdgeProps<OwnershipEdge>) {
  const points = [{ x: sourceX, y: sourceY }, ...(data?.bends ?? []), { x: targetX, y: targetY }];
  return (
    <BaseEdge
      id={id}
      path={ownershipPath(points)}
      label={label}
      labelX={data?.labelX ?? (sourceX + targetX) / 2}
      labelY={data?.labelY ?? (sourceY + targetY) / 2}
      labelBgPadding={rest.labelBgPadding}
      labelBgBorderRadius={rest.labelBgBorderRadius}
      labelStyle={rest.labelStyle}
      labelShowBg={rest.labelShowBg}
      labelBgStyle={rest.labelBgStyle}
      markerEnd={rest.markerEnd}
      style={rest.style}
    />
  );
}

const nodeTypes = { owner: OwnerNodeView };
const edgeTypes = { ownership: OwnershipEdgeView };

interface Props {
  nodes: readonly OwnershipGraphNode[];
  edges: readonly OwnershipGraphEdge[];
}

export function OwnershipGraph({ nodes, edges }: Props) {
  const { t, i18n } = useTranslation();
  const theme = useSettings((s) => s.settings.theme);
  const layout = useMemo(() => layoutOwnership(nodes, edges), [nodes, edges]);
  const flowNodes = useMemo<OwnerNode[]>(
    () =>
      layout.nodes.map((n) => {
        const marks = ownerMarks(n);
        return {
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
            marks.aboveThreshold ? t('ownership.aboveThreshold') : null,
            marks.kycDeclined ? t('ownership.kycDeclined') : null,
          ]
            .filter(Boolean)
            .join(', '),
        };
      }),
    [layout, t, i18n.language],
  );
  const flowEdges = useMemo<OwnershipEdge[]>(
    () =>
      layout.edges.map((e) => ({
        id: e.id,
        type: 'ownership',
        source: e.source,
        target: e.target,
        data: { bends: e.bends, labelX: e.labelX, labelY: e.labelY },
        label: formatPercent(e.percentage, i18n.language),
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 3,
        deletable: false,
        className: 'kyb-ownership-edge',
      })),
    [layout, i18n.language],
  );
  return (
    <div className="kyb-ownership-graph" role="group" aria-label={t('ownership.graph')}>
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={{ minZoom: MIN_FIT_ZOOM, maxZoom: 1, padding: 0.05 }}
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
