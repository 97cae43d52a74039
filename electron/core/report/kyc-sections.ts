/** The KYC sections of a case report: document, NFC, liveness, face match, database, address, phone, email, IP. */
import { carrierName, type KycSession } from '../../../shared/didit/session.js';
import { record, scalar, scoreField, warningLines, type SectionContext } from './section.js';

export async function kycSections(ctx: SectionContext, s: KycSession): Promise<void> {
  const { pdf, tx } = ctx;
  const statusRow = (status: string | null | undefined) =>
    [
      tx.t('status'),
      tx.value('status', status),
      { tone: status === 'Approved' ? 'passed' : status === 'Declined' ? 'failed' : 'warned' },
    ] as const;
  const join = (parts: unknown[], sep = ' · ') =>
    parts
      .map(scalar)
      .filter((x) => x !== null && x !== '')
      .join(sep);

  for (const id of s.id_verifications ?? []) {
    pdf.heading(tx.t('identityDocument'));
    pdf.fields([
      [...statusRow(id.status)],
      [tx.t('fullName'), id.full_name ?? join([id.first_name, id.last_name], ' ')],
      [tx.t('document'), tx.value('document', id.document_type)],
      [tx.t('documentNumber'), id.document_number],
      [tx.t('documentSubtype'), tx.value('document', scalar(id.document_subtype) as string | null)],
      [tx.t('personalNumber'), id.personal_number],
      [tx.t('issuingState'), id.issuing_state_name ?? id.issuing_state],
      [tx.t('dateOfBirth'), tx.date(id.date_of_birth)],
      [tx.t('age'), id.age],
      [tx.t('gender'), id.gender],
      [tx.t('nationality'), id.nationality],
      [tx.t('issued'), tx.date(id.date_of_issue)],
      [tx.t('expires'), tx.date(id.expiration_date)],
      [tx.t('address'), id.address],
      [tx.t('placeOfBirth'), id.place_of_birth],
    ]);
    warningLines(ctx, id.warnings);
    await ctx.images([
      [tx.t('front'), id.front_image],
      [tx.t('back'), id.back_image],
      [tx.t('portrait'), id.portrait_image],
    ]);
  }

  for (const n of s.nfc_verifications ?? []) {
    const chip = record(n.chip_data);
    const certificate = record(n.certificate_summary);
    const integrity = (value: boolean | null | undefined) =>
      value === true ? tx.t('verified') : value === false ? tx.t('failed') : null;
    pdf.heading(tx.t('nfcChip'));
    pdf.fields([
      [...statusRow(n.status)],
      [
        tx.t('sod'),
        integrity(n.authenticity?.sod_integrity),
        { tone: n.authenticity?.sod_integrity === false ? 'alert' : 'ink' },
      ],
      [
        tx.t('dataGroups'),
        integrity(n.authenticity?.dg_integrity),
        { tone: n.authenticity?.dg_integrity === false ? 'alert' : 'ink' },
      ],
      [tx.t('chipDocument'), join([chip.document_type, chip.issuing_country, chip.document_number], ' ')],
      [tx.t('chipName'), join([chip.first_name, chip.last_name], ' ')],
      [tx.t('dateOfBirth'), tx.date(scalar(chip.birth_date) as string | null)],
      [tx.t('nationality'), scalar(chip.nationality)],
      [tx.t('expires'), tx.date(scalar(chip.expiration_date) as string | null)],
      [tx.t('address'), scalar(chip.address)],
      [tx.t('certificateIssuer'), scalar(certificate.issuer)],
      [tx.t('certificateSubject'), scalar(certificate.subject)],
      [tx.t('certificateValid'), join([certificate.not_valid_before, certificate.not_valid_after], ' – ')],
    ]);
    warningLines(ctx, n.warnings);
    await ctx.images([
      [tx.t('chipPortrait'), n.portrait_image],
      [tx.t('chipSignature'), n.signature_image],
    ]);
  }

  for (const l of s.liveness_checks ?? []) {
    pdf.heading(tx.t('liveness'));
    pdf.fields([
      [...statusRow(l.status)],
      scoreField(ctx, tx.t('score'), l.score, ctx.thresholds.liveness),
      [tx.t('method'), tx.value('method', l.method)],
      [tx.t('ageEstimation'), l.age_estimation == null ? null : tx.number(l.age_estimation, 1)],
    ]);
    warningLines(ctx, l.warnings);
    await ctx.images([[tx.t('referenceImage'), l.reference_image]]);
  }

  for (const f of s.face_matches ?? []) {
    pdf.heading(tx.t('faceMatch'));
    pdf.fields([
      [...statusRow(f.status)],
      scoreField(ctx, tx.t('score'), f.score, ctx.thresholds.faceMatch),
      [tx.t('referenceFromSession'), f.source_image_session_id],
    ]);
    warningLines(ctx, f.warnings);
    await ctx.images([
      [tx.t('sourceImage'), f.source_image],
      [tx.t('targetImage'), f.target_image],
    ]);
  }

  for (const d of s.database_validations ?? []) {
    pdf.heading(tx.t('databaseValidation'));
    pdf.fields([
      [...statusRow(d.status)],
      [tx.t('issuingState'), d.issuing_state],
      [
        tx.t('matchType'),
        tx.value('matchType', d.match_type),
        { tone: d.match_type === 'full_match' ? 'ink' : 'alert' },
      ],
      [tx.t('validationType'), tx.value('validationType', d.validation_type)],
    ]);
    warningLines(ctx, d.warnings);
    for (const v of d.validations ?? []) {
      const fields = Object.entries(record(v.validation))
        .map(([k, result]) => {
          const value = scalar(result);
          return `${tx.value('field', k)}: ${typeof value === 'string' ? tx.value('matchType', value) : (value ?? JSON.stringify(result))}`;
        })
        .join(', ');
      const head = [v.service_name ?? v.service_id, v.outcome_code].filter((x) => x !== null && x !== undefined);
      pdf.paragraph(
        `${head.join(' · ')}${v.outcome_detail ? `: ${v.outcome_detail}` : ''}${fields ? ` (${fields})` : ''}`,
        { indent: 12 },
      );
    }
  }

  for (const p of s.proof_of_address ?? []) {
    pdf.heading(tx.t('proofOfAddress'));
    pdf.fields([
      [...statusRow(p.status)],
      [tx.t('document'), tx.value('document', p.document_type)],
      [tx.t('issuer'), p.issuer],
      [tx.t('issued'), tx.date(p.issue_date)],
      [tx.t('issuingState'), p.issuing_state],
      [tx.t('language'), p.document_language],
      [tx.t('address'), p.poa_formatted_address ?? p.poa_address],
      [tx.t('nameOnDocument'), p.name_on_document],
    ]);
    warningLines(ctx, p.warnings);
  }

  const flags = (...pairs: [unknown, string][]) =>
    pairs
      .filter(([on]) => on === true)
      .map(([, label]) => label)
      .join(' · ');
  for (const p of s.phone_verifications ?? []) {
    const carrier = carrierName(p.carrier);
    const carrierType = typeof p.carrier === 'object' && p.carrier !== null ? p.carrier.type : null;
    pdf.heading(tx.t('phone'));
    pdf.fields([
      [...statusRow(p.status)],
      [tx.t('number'), p.full_number ?? join([p.phone_number_prefix, p.phone_number], ' ')],
      [tx.t('country'), p.country_name ?? p.country_code],
      [tx.t('carrier'), [carrier, carrierType ? `(${carrierType})` : null].filter(Boolean).join(' ')],
      [
        tx.t('risk'),
        flags([p.is_disposable, tx.flag('disposable')], [p.is_virtual, tx.flag('virtual')]),
        { tone: 'alert' },
      ],
      [tx.t('verified'), join([tx.value('method', p.verification_method), tx.dateTime(p.verified_at)])],
    ]);
    warningLines(ctx, p.warnings);
  }

  for (const e of s.email_verifications ?? []) {
    pdf.heading(tx.t('email'));
    pdf.fields([
      [...statusRow(e.status)],
      [tx.t('address'), e.email],
      [
        tx.t('risk'),
        flags(
          [e.is_breached, tx.flag('breached')],
          [e.is_disposable, tx.flag('disposable')],
          [e.is_undeliverable, tx.flag('undeliverable')],
        ),
        { tone: 'alert' },
      ],
      [tx.t('verified'), tx.dateTime(e.verified_at)],
    ]);
    for (const b of e.breaches ?? []) {
      pdf.paragraph(`${tx.t('breach')}: ${join([b.name, b.domain, tx.date(b.breach_date)])}`, { indent: 12 });
    }
    warningLines(ctx, e.warnings);
  }

  for (const i of s.ip_analyses ?? []) {
    pdf.heading(tx.t('ipAnalysis'));
    pdf.fields([
      [...statusRow(i.status)],
      [tx.t('ipAddress'), i.ip_address],
      [tx.t('location'), join([i.ip_city, i.ip_state, i.ip_country ?? i.ip_country_code], ', ')],
      [tx.t('ispOrganization'), join([i.isp, i.organization], ' / ')],
      [tx.t('device'), join([i.device_brand, i.device_model, i.browser_family, i.os_family, i.platform])],
      [tx.t('timeZone'), i.time_zone],
      [
        tx.t('risk'),
        flags([i.is_vpn_or_tor, tx.flag('vpnOrTor')], [i.is_data_center, tx.flag('dataCenter')]),
        { tone: 'alert' },
      ],
    ]);
    warningLines(ctx, i.warnings);
  }
}
