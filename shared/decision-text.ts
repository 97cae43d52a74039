/**
 * What a decision says in words: the comment sent to Didit (reasons, the analyst's words, the exactly-once marker,
 * a human attribution), the default decline reasons, and `stripMarker`, the one function every place that shows or
 * prints a comment (timeline, decision history, case report, exports) runs it through. The marker stays
 * machine-readable in what is sent (the outbox recognises its own review by it) but is never shown to people.
 */

/**
 * Every machine marker the app writes into comments: the exactly-once `[cs:<uuid>]` (electron/core/outbox/marker.ts)
 * and the four-eyes markers `[cs-propose:<uuid>:<Approved|Declined>:<sha256>]`, `[cs-confirm:<uuid>]` and
 * `[cs-withdraw:<uuid>]` (see `proposalMarker` below).
 */
export const MARKER_PATTERN =
  /\[cs(?::|-(?:propose|confirm|withdraw):)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::(?:Approved|Declined):[0-9a-f]{64})?\]/gi;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PROPOSE = new RegExp(`\\[cs-propose:(${UUID}):(Approved|Declined):([0-9a-f]{64})\\]`, 'i');

/** The four-eyes proposal marker (docs/didit-api.md §10): proposal id, proposed status, evidence hash. */
export function proposalMarker(id: string, newStatus: 'Approved' | 'Declined', evidenceHash: string): string {
  return `[cs-propose:${id}:${newStatus}:${evidenceHash}]`;
}

/** `[cs-confirm:<proposal id>]`: carried by the status update that confirms a proposal. */
export function confirmMarker(id: string): string {
  return `[cs-confirm:${id}]`;
}

/** `[cs-withdraw:<proposal id>]`: a proposal its proposer took back. */
export function withdrawMarker(id: string): string {
  return `[cs-withdraw:${id}]`;
}

/** The proposal a comment carries, if any. */
export function parseProposalMarker(
  text: string | null | undefined,
): { id: string; newStatus: 'Approved' | 'Declined'; evidenceHash: string } | null {
  const m = typeof text === 'string' ? PROPOSE.exec(text) : null;
  if (!m) return null;
  return { id: m[1].toLowerCase(), newStatus: m[2] === 'Approved' ? 'Approved' : 'Declined', evidenceHash: m[3] };
}

/**
 * The comment that publishes a proposal on the reviews feed: the machine marker, then a sentence for people
 * ("Ana Ruiz proposes to approve: …"), then the attribution.
 */
export function composeProposalComment(d: {
  id: string;
  newStatus: 'Approved' | 'Declined';
  evidenceHash: string;
  analystName: string;
  comment: string;
  reasons: readonly ReasonRecord[];
}): string {
  const verb = d.newStatus === 'Approved' ? 'approve' : 'decline';
  const lines = [`${proposalMarker(d.id, d.newStatus, d.evidenceHash)} ${d.analystName} proposes to ${verb}`];
  if (d.reasons.length > 0) lines.push(`Reasons: ${d.reasons.map((r) => `${r.label} (${r.code})`).join('; ')}`);
  if (d.comment.trim().length > 0) lines[0] += `: ${d.comment.trim()}`;
  lines.push('Four-eyes: a second analyst must confirm before the status changes.');
  lines.push(attribution(d.analystName));
  return lines.join('\n');
}

/** The text with every exactly-once marker removed (and the spacing it leaves tidied). Null stays null. */
export function stripMarker(text: string): string;
export function stripMarker(text: string | null | undefined): string | null;
export function stripMarker(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  return text
    .replace(MARKER_PATTERN, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** A decline reason: a stable code and its label in each UI language. */
export interface DeclineReason {
  code: string;
  en: string;
  es: string;
}

export const DEFAULT_DECLINE_REASONS: readonly DeclineReason[] = [
  { code: 'DOCUMENT_EXPIRED', en: 'Document expired', es: 'Documento caducado' },
  { code: 'DOCUMENT_UNREADABLE', en: 'Document unreadable or incomplete', es: 'Documento ilegible o incompleto' },
  { code: 'DOCUMENT_TAMPERED', en: 'Document tampered or forged', es: 'Documento alterado o falsificado' },
  { code: 'FACE_MISMATCH', en: 'Face does not match the document', es: 'El rostro no coincide con el documento' },
  { code: 'LIVENESS_FAILED', en: 'Liveness check failed', es: 'Prueba de vida fallida' },
  {
    code: 'AML_MATCH',
    en: 'Confirmed sanctions / PEP / AML match',
    es: 'Coincidencia AML / PEP / sanciones confirmada',
  },
  { code: 'DATA_MISMATCH', en: 'Data inconsistent across sources', es: 'Datos incoherentes entre fuentes' },
  { code: 'HIGH_RISK_COUNTRY', en: 'High-risk or unsupported country', es: 'País de alto riesgo o no admitido' },
  { code: 'OWNERSHIP_UNCLEAR', en: 'Ownership or control unclear', es: 'Titularidad o control poco claros' },
  { code: 'OTHER', en: 'Other (see comment)', es: 'Otro (ver comentario)' },
];

/** The short human line that ends every comment sent: "— Ana Ruiz via Countersign". */
export function attribution(analystName: string): string {
  return `— ${analystName} via Countersign`;
}

/** A reason as it is recorded with a decision: its code and the label it had when the decision was made. */
export interface ReasonRecord {
  code: string;
  label: string;
}

/**
 * The comment as sent to Didit:
 *
 *     Reasons: Document expired (DOCUMENT_EXPIRED); Face does not match the document (FACE_MISMATCH)
 *     Resubmit: feature_id_1, feature_liveness_1
 *     <the analyst's words>
 *     [cs:<uuid>] — Ana Ruiz via Countersign
 *
 * The attribution ends it; the marker sits just before it so `stripMarker` leaves the attribution readable.
 */
export function composeSentComment(d: {
  comment: string;
  reasons: readonly ReasonRecord[];
  nodesToResubmit: readonly string[];
  analystName: string;
  marker: string;
}): string {
  const lines: string[] = [];
  if (d.reasons.length > 0) lines.push(`Reasons: ${d.reasons.map((r) => `${r.label} (${r.code})`).join('; ')}`);
  if (d.nodesToResubmit.length > 0) lines.push(`Resubmit: ${d.nodesToResubmit.join(', ')}`);
  if (d.comment.trim().length > 0) lines.push(d.comment.trim());
  lines.push(`${d.marker} ${attribution(d.analystName)}`);
  return lines.join('\n');
}
