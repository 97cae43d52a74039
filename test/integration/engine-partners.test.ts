/**
 * The partner registry end to end against the real sandbox: registering and editing partners, the partner's
 * defaults applied when a token is redeemed with them kept, the mint rules (registered partners only; confirmation
 * without an agreement on record, with an expired one, or for a Declined or In Review session), the server's mint
 * refusals by name, the minted log's subject and "redeemed" (only when this profile saw the import), and the
 * provenance of imports made here and of imports made outside the app.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/core/index.js';
import {
  connectionInput,
  createSession,
  engineTestBed,
  errorCode,
  importToken,
  mintToken,
  testKeychain,
  workflowOf,
  type SandboxApps,
} from './helpers/engine.js';

const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

describe('partner registry, defaults, mint rules and provenance', () => {
  const bed = engineTestBed('partners');
  let apps: SandboxApps;
  let engine: Engine;
  let receiverId: string;
  let issuerId: string;

  const approved = () => createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status: 'Approved' });

  beforeAll(async () => {
    apps = bed.apps;
    engine = await bed.openEngine({ secrets: await testKeychain() });
    receiverId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.receiver, 'receiver'))).id;
    issuerId = (await engine.addConnection(connectionInput(apps.baseUrl, apps.issuer, 'issuer'))).id;
  });

  it('registers a partner with trust_review off by default, edits it, and keeps one entry per application', async () => {
    const created = await engine.savePartner({ name: 'Acme Lending', applicationId: crypto.randomUUID() });
    expect(created.trustReview).toBe(false);
    expect(created.workflows).toEqual({ user: null, business: null });
    expect(created.agreementReference).toBeNull();

    const edited = await engine.savePartner({
      id: created.id,
      name: 'Acme Lending SA',
      applicationId: created.applicationId,
      trustReview: true,
      agreementReference: 'DSA-77',
      agreementExpiresOn: '2031-02-28',
      notes: 'Signed by legal.',
    });
    expect(edited).toMatchObject({
      id: created.id,
      name: 'Acme Lending SA',
      trustReview: true,
      notes: 'Signed by legal.',
    });
    // Saving the same application without an id updates that partner and keeps what was left out.
    const renamed = await engine.savePartner({ name: 'Acme', applicationId: created.applicationId });
    expect(renamed).toMatchObject({ id: created.id, name: 'Acme', trustReview: true, agreementReference: 'DSA-77' });
    expect((await engine.listPartners({})).filter((p) => p.applicationId === created.applicationId)).toHaveLength(1);

    const other = await engine.savePartner({ name: 'Other', applicationId: crypto.randomUUID() });
    expect(
      await errorCode(engine.savePartner({ id: other.id, name: 'Other', applicationId: created.applicationId })),
    ).toBe('validation');
    expect(
      await errorCode(
        engine.savePartner({ name: 'Bad day', applicationId: crypto.randomUUID(), agreementExpiresOn: '2031-02-30' }),
      ),
    ).toBe('validation');
    await engine.removePartner({ id: other.id });
    await engine.removePartner({ id: created.id });
    expect(await errorCode(engine.removePartner({ id: created.id }))).toBe('not_found');
  });

  it("redeems with the issuing partner's defaults when the analyst keeps them", async () => {
    const partner = await engine.savePartner({
      name: 'Northwind',
      applicationId: apps.issuer.id,
      trustReview: true,
      workflows: { user: workflowOf(apps.receiver, 'user'), business: workflowOf(apps.receiver, 'business') },
      agreementReference: 'DSA-1',
      agreementExpiresOn: inAYear(),
    });
    const source = await approved();
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, source.session_id, apps.receiver.id);
    // No workflow, no trust_review: the partner's defaults (its KYC workflow, trust_review on) are used.
    const redeemed = await engine.redeemToken({ connectionId: receiverId, shareToken: token });
    expect(redeemed.status).toBe('Approved');
    const detail = await engine.getSession({ id: redeemed.sessionId });
    expect(detail.provenance).toMatchObject({
      origin: 'app',
      connectionId: receiverId,
      sourceApplicationId: apps.issuer.id,
      partner: { id: partner.id, name: 'Northwind' },
      sharedFromSession: source.session_id,
      trustReview: true,
      trustReviewInferred: false,
      workflowId: workflowOf(apps.receiver, 'user'),
    });
    expect(detail.provenance?.importedAt).toBeTruthy();
    const entry = detail.audit.find((e) => e.type === 'import.redeemed');
    expect(entry?.details).toMatchObject({ partnerId: partner.id, partnerDefaults: true, trustReview: true });

    // The analyst's own choice wins over the default.
    const second = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await approved()).session_id, apps.receiver.id);
    const overridden = await engine.redeemToken({ connectionId: receiverId, shareToken: second, trustReview: false });
    expect(overridden.status).toBe('In Review');

    // A partner's trust_review off (the default for a new partner) lands the clone In Review.
    await engine.savePartner({ id: partner.id, name: 'Northwind', applicationId: apps.issuer.id, trustReview: false });
    const third = await mintToken(apps.baseUrl, apps.issuer.apiKey, (await approved()).session_id, apps.receiver.id);
    const reviewed = await engine.redeemToken({ connectionId: receiverId, shareToken: third });
    expect(reviewed.status).toBe('In Review');
    expect((await engine.getSession({ id: reviewed.sessionId })).provenance?.trustReview).toBe(false);
  });

  it('mints for registered partners only, and asks for confirmation where the rules say so', async () => {
    await engine.syncAndWait();
    const session = await approved();
    const mint = (extra: { confirmed?: boolean; sessionId?: string; partnerApplicationId?: string } = {}) =>
      engine.mintToken({
        connectionId: issuerId,
        sessionId: extra.sessionId ?? session.session_id,
        partnerApplicationId: extra.partnerApplicationId ?? apps.receiver.id,
        ...(extra.confirmed !== undefined ? { confirmed: extra.confirmed } : {}),
      });

    expect(await errorCode(mint())).toBe('partner_not_registered');
    const harbor = await engine.savePartner({ name: 'Harbor', applicationId: apps.receiver.id });
    // No agreement on record: refused until confirmed.
    expect(await errorCode(mint())).toBe('confirmation_required');
    const confirmed = await mint({ confirmed: true });
    expect(confirmed.shareToken).toBeTruthy();
    expect(confirmed.partnerName).toBe('Harbor');

    // An expired agreement asks too; a valid one does not.
    await engine.savePartner({
      id: harbor.id,
      name: 'Harbor',
      applicationId: apps.receiver.id,
      agreementReference: 'DSA-2',
      agreementExpiresOn: '2020-01-31',
    });
    expect(await errorCode(mint())).toBe('confirmation_required');
    await engine.savePartner({
      id: harbor.id,
      name: 'Harbor',
      applicationId: apps.receiver.id,
      agreementExpiresOn: inAYear(),
    });
    const plain = await mint();
    expect(plain.shareToken).toBeTruthy();

    // Declined and In Review sessions ask, whatever the agreement.
    for (const status of ['Declined', 'In Review']) {
      const other = await createSession(apps.baseUrl, apps.issuer.apiKey, { session_kind: 'user', status });
      expect(await errorCode(mint({ sessionId: other.session_id })), status).toBe('confirmation_required');
      expect((await mint({ sessionId: other.session_id, confirmed: true })).shareToken).toBeTruthy();
    }
    const audit = await engine.listAudit({ limit: 500 });
    expect(audit.entries.some((e) => e.type === 'token.minted' && Array.isArray(e.details.confirmedCautions))).toBe(
      true,
    );
  });

  it("names the server's mint refusals: an unknown application, the issuer's own application", async () => {
    const session = await approved();
    const ghost = await engine.savePartner({
      name: 'Ghost',
      applicationId: crypto.randomUUID(),
      agreementReference: 'DSA-3',
    });
    expect(
      await errorCode(
        engine.mintToken({
          connectionId: issuerId,
          sessionId: session.session_id,
          partnerApplicationId: ghost.applicationId,
        }),
      ),
    ).toBe('unknown_application');
    await engine.savePartner({ name: 'Ourselves', applicationId: apps.issuer.id, agreementReference: 'DSA-4' });
    expect(
      await errorCode(
        engine.mintToken({
          connectionId: issuerId,
          sessionId: session.session_id,
          partnerApplicationId: apps.issuer.id,
        }),
      ),
    ).toBe('own_application');
  });

  it('logs the subject and says "redeemed" only when this profile saw the import', async () => {
    await engine.savePartner({
      name: 'Harbor',
      applicationId: apps.receiver.id,
      agreementReference: 'DSA-2',
      agreementExpiresOn: inAYear(),
    });
    await engine.syncAndWait();
    const [seen, unseen] = [await approved(), await approved()];
    await engine.syncAndWait(issuerId);
    const redeemedMint = await engine.mintToken({
      connectionId: issuerId,
      sessionId: seen.session_id,
      partnerApplicationId: apps.receiver.id,
    });
    const pendingMint = await engine.mintToken({
      connectionId: issuerId,
      sessionId: unseen.session_id,
      partnerApplicationId: apps.receiver.id,
    });
    await engine.redeemToken({
      connectionId: receiverId,
      shareToken: redeemedMint.shareToken!,
      workflowId: workflowOf(apps.receiver, 'user'),
    });
    const log = await engine.listMintedTokens({});
    const a = log.find((t) => t.id === redeemedMint.id)!;
    const b = log.find((t) => t.id === pendingMint.id)!;
    expect(a.redeemedAt).toBeTruthy();
    expect(b.redeemedAt).toBeNull();
    expect(a.subjectName).toBeTruthy();
    expect(JSON.stringify(log)).not.toContain(redeemedMint.shareToken!);
  });

  it('gives an import made outside the app honest provenance: partner from the original our issuer holds', async () => {
    const northwind = (await engine.listPartners({})).find((p) => p.applicationId === apps.issuer.id)!;
    const source = await approved();
    const token = await mintToken(apps.baseUrl, apps.issuer.apiKey, source.session_id, apps.receiver.id);
    // Imported by another client of the receiving application (not this app), with trust_review off.
    const imported = await importToken(apps.baseUrl, apps.receiver.apiKey, {
      share_token: token,
      workflow_id: workflowOf(apps.receiver, 'user'),
    });
    expect(imported.status).toBe(201);
    const cloneId = (imported.body as { session_id: string }).session_id;
    await engine.syncAndWait();
    const detail = await engine.getSession({ id: cloneId });
    expect(detail.provenance).toMatchObject({
      origin: 'outside',
      sourceApplicationId: apps.issuer.id,
      partner: { id: northwind.id },
      sharedFromSession: source.session_id,
      originalStatus: 'Approved',
      trustReview: false,
      trustReviewInferred: true,
      importedBy: null,
    });
    expect(detail.provenance?.importedAt).toBe(detail.row.createdAt);
    // The queue's partner filter finds it once attributed (shortly after the sync announced it).
    await expect
      .poll(async () => {
        const page = await engine.listSessions({ view: 'all', sourceApplicationId: apps.issuer.id, limit: 500 });
        return page.rows.some((r) => r.id === cloneId);
      })
      .toBe(true);
  });
});
