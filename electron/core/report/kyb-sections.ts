/**
 * The KYB sections of a case report: the registry data of every company in the chain with its warnings, the
 * ownership chain as a tree, the beneficial owners with their effective percentages and paths (shared/ownership.ts,
 * the same maths as the graph on screen), key people, company documents and questionnaires as questions and answers.
 */
import type { KybSession, OwnershipNode } from '../../../shared/didit/session.js';
import {
  effectiveOwnership,
  meetsThreshold,
  ownerKey,
  ownershipTree,
  partiesOf,
  partyName,
  roleKey,
} from '../../../shared/ownership.js';
import { record, scalar, warningLines, type SectionContext } from './section.js';

/** The tree is printed to this depth; deeper levels are cut (partner data is untrusted). */
const MAX_PRINTED_DEPTH = 12;

export function kybSections(ctx: SectionContext, s: KybSession): void {
  const { pdf, tx } = ctx;
  (s.registry_checks ?? []).forEach((r, index) => {
    const c = r.company;
    const capital = c?.registered_capital;
    const address = c?.registered_address;
    pdf.heading(index === 0 ? tx.t('companyRegistry') : tx.t('companyInChain', { name: c?.company_name ?? '—' }));
    pdf.fields([
      [tx.t('status'), tx.value('status', r.status), { tone: r.status === 'Declined' ? 'failed' : 'ink' }],
      [tx.t('companyName'), c?.company_name],
      [tx.t('registrationNumber'), c?.registration_number],
      [tx.t('country'), c?.country_code],
      [tx.t('companyType'), tx.value('companyType', c?.company_type)],
      [tx.t('registryStatus'), tx.value('registryStatus', c?.registry_status)],
      [tx.t('incorporated'), tx.date(c?.incorporation_date)],
      [tx.t('registeredAddress'), addressText(address)],
      [tx.t('taxNumber'), c?.tax_number],
      [tx.t('alternativeNames'), (c?.alternative_names ?? []).join(', ')],
      [tx.t('lei'), c?.legal_entity_identifier],
      [tx.t('natureOfBusiness'), c?.nature_of_business],
      [
        tx.t('registeredCapital'),
        capital
          ? `${typeof capital.amount === 'number' ? tx.number(capital.amount, 2) : (capital.amount ?? '')} ${capital.currency ?? ''}`.trim()
          : null,
      ],
      [tx.t('fromRegistry'), tx.yesNo(c?.is_from_registry)],
    ]);
    if ((r.warnings ?? []).length > 0) {
      pdf.subheading(tx.t('registryWarnings'));
      warningLines(ctx, r.warnings);
    }
  });

  const structure = ownershipTree(s);
  if (structure.length > 0) {
    const root = s.registry_checks?.[0]?.company?.company_name ?? tx.t('unnamed');
    pdf.heading(tx.t('ownershipChain'));
    pdf.note(tx.t('ownershipChainNote'));
    pdf.paragraph(root, { bold: true });
    const printed = new Set<string>();
    const walk = (nodes: readonly OwnershipNode[], depth: number) => {
      if (depth > MAX_PRINTED_DEPTH) return;
      for (const n of nodes) {
        const kind = n.entity_type === 'company' ? tx.t('company') : tx.t('person');
        const again = n.owners && n.owners.length > 0 && printed.has(ownerKey(n));
        pdf.paragraph(`↳ ${n.name} — ${tx.percent(n.ownership_percentage)} (${kind})`, {
          indent: 12 * depth,
          bold: n.entity_type === 'company',
        });
        if (n.owners && n.owners.length > 0 && !again) {
          printed.add(ownerKey(n));
          walk(n.owners, depth + 1);
        }
      }
    };
    walk(structure, 1);

    const threshold = ctx.thresholds.uboPercent;
    pdf.heading(tx.t('ubos'));
    pdf.note(tx.t('uboNote', { threshold: tx.percent(threshold, 0) }));
    const statusById = new Map<string, string | null>();
    const collect = (nodes: readonly OwnershipNode[], depth: number) => {
      if (depth > MAX_PRINTED_DEPTH) return;
      for (const n of nodes) {
        if (n.kyc_status) statusById.set(ownerKey(n), n.kyc_status);
        collect(n.owners ?? [], depth + 1);
      }
    };
    collect(structure, 0);
    pdf.table(
      [
        { title: tx.t('owner'), width: 0.26 },
        { title: tx.t('type'), width: 0.11 },
        { title: tx.t('effective'), width: 0.12 },
        { title: tx.t('paths'), width: 0.39 },
        { title: tx.t('kycStatus'), width: 0.12 },
      ],
      effectiveOwnership(structure).map((o) => {
        const ubo = o.entityType === 'person' && meetsThreshold(o.effective, threshold);
        const key = o.id.startsWith('id:') || o.id.startsWith('name:') ? o.id : `id:${o.id}`;
        return {
          cells: [
            `${ubo ? '● ' : ''}${o.name}`,
            o.entityType === 'company' ? tx.t('company') : tx.t('person'),
            tx.percent(o.effective),
            o.paths.map((p) => p.join(' → ')).join('\n'),
            tx.value('status', statusById.get(key) ?? null),
          ],
          bold: ubo,
          tone: ubo ? 'ink' : 'muted',
        };
      }),
    );
  }

  (s.key_people_checks ?? []).forEach((k, index) => {
    const people = partiesOf(k);
    if (people.length === 0 && (k.warnings ?? []).length === 0) return;
    const company = s.registry_checks?.[index]?.company?.company_name;
    pdf.heading(index === 0 || !company ? tx.t('keyPeople') : tx.t('keyPeopleOf', { company }));
    warningLines(ctx, k.warnings);
    if (people.length === 0) return;
    pdf.table(
      [
        { title: tx.t('name'), width: 0.27 },
        { title: tx.t('roles'), width: 0.35 },
        { title: tx.t('registrationNumber'), width: 0.14 },
        { title: tx.t('kycStatus'), width: 0.11 },
        { title: tx.t('source'), width: 0.13 },
      ],
      people.map((p) => ({
        cells: [
          partyName(p),
          (p.roles ?? [])
            .map((r) => {
              const figures = [
                r.ownership_percent != null ? tx.t('owned', { pct: tx.percent(r.ownership_percent) }) : null,
                r.voting_percent != null ? tx.t('voting', { pct: tx.percent(r.voting_percent) }) : null,
              ].filter(Boolean);
              const role = tx.value('role', roleKey(r.role)) ?? r.role;
              return figures.length > 0 ? `${role} (${figures.join(', ')})` : role;
            })
            .join('; '),
          p.registration_number,
          tx.value('status', p.kyc_status),
          tx.value('source', p.source),
        ],
      })),
    );
  });

  for (const d of s.document_verifications ?? []) {
    for (const g of d.groups ?? []) {
      const sum = g.summary;
      pdf.heading(tx.t('companyDocuments', { group: tx.value('group', g.group ?? 'documents') ?? '' }));
      if (sum)
        pdf.paragraph(
          tx.t('documentsSummary', {
            approved: sum.approved ?? '—',
            expected: sum.total_expected ?? '—',
            pending: sum.pending_review ?? '—',
            missing: sum.missing ?? '—',
          }),
          { tone: (sum.missing ?? 0) > 0 ? 'alert' : 'ink' },
        );
      for (const doc of g.documents ?? []) {
        pdf.fields([
          [tx.t('document'), tx.value('document', doc.document_type)],
          [tx.t('status'), tx.value('status', doc.status)],
          [tx.t('file'), doc.file_name],
          [tx.t('issuer'), doc.issuer],
          [tx.t('issued'), tx.date(doc.issue_date)],
        ]);
        warningLines(ctx, doc.warnings);
        pdf.space(4);
      }
    }
    if (d.document_type || (d.groups ?? []).length === 0) {
      pdf.heading(tx.t('companyDocument'));
      pdf.fields([
        [tx.t('document'), tx.value('document', d.document_type)],
        [tx.t('status'), tx.value('status', d.status)],
        [tx.t('issuer'), d.issuer],
        [tx.t('issued'), tx.date(d.issue_date)],
      ]);
    }
    warningLines(ctx, d.warnings);
  }

  for (const q of s.questionnaires ?? []) {
    pdf.heading(q.title ? tx.t('questionnaireTitled', { title: q.title }) : tx.t('questionnaire'));
    for (const a of q.answers ?? []) {
      pdf.paragraph(a.question ?? '—', { bold: true });
      pdf.paragraph(answerText(ctx, a.answer), { indent: 12 });
      pdf.space(3);
    }
  }
}

/** An answer as words: lists joined, yes/no for booleans, objects as "key: value" pairs. */
function answerText(ctx: SectionContext, answer: unknown, depth = 0): string {
  const { tx } = ctx;
  if (answer === null || answer === undefined || answer === '') return tx.t('noAnswer');
  if (typeof answer === 'boolean') return tx.yesNo(answer)!;
  if (typeof answer === 'number') return tx.number(answer, 4);
  if (typeof answer === 'string') return answer;
  if (depth > 4) return JSON.stringify(answer);
  if (Array.isArray(answer)) return answer.map((a) => answerText(ctx, a, depth + 1)).join(', ') || tx.t('noAnswer');
  return Object.entries(record(answer))
    .map(([k, v]) => `${tx.value('field', k)}: ${answerText(ctx, v, depth + 1)}`)
    .join('; ');
}

function addressText(address: unknown): string | null {
  if (typeof address === 'string') return address;
  if (address === null || address === undefined) return null;
  const r = record(address);
  const parts = Object.values(r)
    .map(scalar)
    .filter((x) => x !== null && x !== '');
  return parts.length > 0 ? parts.join(', ') : JSON.stringify(address);
}
