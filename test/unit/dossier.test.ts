// The sealed dossier: built from a case with the profile's Ed25519 key (kept in the keychain), verified offline by
// `npm run verify-dossier`, and a one-byte change anywhere in a file is caught and the file named.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../electron/core/cache/audit-chain.js';
import { buildDossier, profileSigner, verifyDossier } from '../../electron/core/dossier/index.js';
import { accounts, MemoryKeychain } from '../../electron/core/keychain/index.js';
import { buildCaseReport } from '../../electron/core/report/index.js';
import type { AuditEntry, SessionDetail } from '../../shared/reviewer-api.js';

const sessionId = '5f1c2a9e-0d3b-4c71-9a55-7e2f8b6d4c10';

function profile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-profile-'));
  writeFileSync(
    join(dir, 'profile.json'),
    JSON.stringify({ profileId: randomUUID(), createdAt: new Date().toISOString() }),
  );
  return dir;
}

function png(): Buffer {
  const image = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([40, 120, (i / 4) % 255, 255], i);
  return PNG.sync.write(image);
}

function chain(): AuditEntry[] {
  let prev = GENESIS_HASH;
  return [3, 9].map((seq) => {
    const entry = {
      seq,
      at: `2026-11-2${seq % 10}T09:00:00Z`,
      type: 'decision.made',
      sessionId,
      connectionId: 'c1',
      details: { n: seq },
    };
    const hash = entryHash(prev, entry);
    const full = { ...entry, prevHash: prev, hash };
    prev = hash;
    return full;
  });
}

const detail = {
  row: {
    id: sessionId,
    connectionId: 'c1',
    sessionNumber: 42,
    kind: 'user',
    status: 'Declined',
    subjectName: 'Lucía Muñoz',
    vendorData: 'cust-1',
    createdAt: '2026-11-20T10:00:00Z',
    sharedFromSession: null,
    sourceApplicationId: null,
    amlHits: 0,
    riskScore: 0,
    decision: 'synced',
  },
  payload: {
    session_id: sessionId,
    session_kind: 'user',
    status: 'Declined',
    id_verifications: [
      { status: 'Approved', full_name: 'Lucía Muñoz', front_image: 'id_verifications[0].front_image' },
    ],
  },
  media: [{ locator: 'id_verifications[0].front_image', contentType: 'image/png', size: 0 }],
  unreadable: [],
  detailsPending: false,
  importInfo: null,
  decisions: [],
  audit: [],
} as unknown as SessionDetail;

async function sealed() {
  const secrets = new MemoryKeychain();
  const profileDir = profile();
  const image = png();
  const report = await buildCaseReport({ detail, media: () => ({ contentType: 'image/png', bytes: image }) });
  const signer = await profileSigner({ profileDir, secrets });
  const dossier = buildDossier({
    detail,
    report: { fileName: report.fileName, pdf: Buffer.from(report.pdfBase64, 'base64') },
    media: [{ locator: 'id_verifications[0].front_image', contentType: 'image/png', bytes: image }],
    audit: chain(),
    signer,
  });
  return { ...dossier, signer, secrets, profileDir, image };
}

/** The archive with one byte changed, `skip` bytes into the first occurrence of `marker`. */
function flipped(zip: Uint8Array, marker: Uint8Array | string, skip: number): Uint8Array {
  const copy = Buffer.from(zip);
  const at = copy.indexOf(typeof marker === 'string' ? Buffer.from(marker) : Buffer.from(marker));
  expect(at).toBeGreaterThanOrEqual(0);
  copy[at + skip] ^= 0x01;
  return copy;
}

function cli(file: string, ...extra: string[]) {
  return spawnSync('npx', ['tsx', 'scripts/verify-dossier.ts', file, ...extra], { encoding: 'utf8' });
}

describe('sealed dossier', { timeout: 60_000 }, () => {
  it('holds the report, session JSON, media and audit slice under a manifest signed by the profile key', async () => {
    const d = await sealed();
    const files = unzipSync(d.zip);
    expect(Object.keys(files).sort()).toEqual(
      [
        'audit-chain.json',
        'case-report.pdf',
        'case.json',
        'manifest.json',
        'manifest.sig',
        'media/01-id_verifications_0_.front_image.png',
        'session.json',
      ].sort(),
    );
    expect(Buffer.from(files['case-report.pdf']).subarray(0, 5).toString()).toBe('%PDF-');
    expect(JSON.parse(Buffer.from(files['session.json']).toString()).payload.session_id).toBe(sessionId);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']).toString());
    expect(manifest.signer.fingerprint).toBe(d.signer.fingerprint);
    expect(manifest.audit).toMatchObject({ entries: 2, firstSeq: 3, lastSeq: 9 });

    const result = verifyDossier(d.zip, { fingerprint: d.signer.fingerprint });
    expect(result).toMatchObject({
      ok: true,
      signatureValid: true,
      fingerprintMatches: true,
      altered: [],
      missing: [],
    });
  });

  it('keeps one key pair per profile, its private key in the keychain only', async () => {
    const secrets = new MemoryKeychain();
    const profileDir = profile();
    const a = await profileSigner({ profileDir, secrets });
    const b = await profileSigner({ profileDir, secrets });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(await secrets.get(accounts.signingKey(a.profileId))).toMatch(/^[A-Za-z0-9+/=]+$/);
    const other = await profileSigner({ profileDir: profile(), secrets });
    expect(other.fingerprint).not.toBe(a.fingerprint);
  });

  it('names the file a one-byte change falls in: report, media, audit slice or manifest', async () => {
    const d = await sealed();
    const cases: [string, Uint8Array | string, number][] = [
      ['case-report.pdf', '%PDF-', 300],
      ['media/01-id_verifications_0_.front_image.png', PNG.sync.write(PNG.sync.read(d.image)).subarray(0, 8), 40],
      ['audit-chain.json', '"decision.made"', 3],
      ['session.json', '"session_kind": "user"', 3],
      ['manifest.json', '"countersign-dossier"', 5],
    ];
    for (const [path, marker, skip] of cases) {
      const result = verifyDossier(flipped(d.zip, marker, skip));
      expect(result.ok, path).toBe(false);
      expect(result.altered, path).toContain(path);
      if (path !== 'manifest.json') expect(result.signatureValid, path).toBe(true);
    }
  });

  it('refuses a dossier re-signed with another key when the expected fingerprint is given', async () => {
    const d = await sealed();
    const other = await sealed();
    expect(verifyDossier(other.zip, { fingerprint: d.signer.fingerprint })).toMatchObject({
      ok: false,
      signatureValid: true,
      fingerprintMatches: false,
    });
  });

  it('verifies offline from the command line and names an altered file', { timeout: 60_000 }, async () => {
    const d = await sealed();
    const dir = mkdtempSync(join(tmpdir(), 'dossier-cli-'));
    const good = join(dir, d.fileName);
    writeFileSync(good, d.zip);
    const ok = cli(good, '--fingerprint', d.signer.fingerprint);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Signature: valid');
    expect(ok.stdout).toContain('VERIFIED');

    const bad = join(dir, 'altered.zip');
    writeFileSync(bad, flipped(d.zip, '%PDF-', 500));
    const no = cli(bad);
    expect(no.status).toBe(1);
    expect(no.stdout).toContain('ALTERED: case-report.pdf');
    expect(no.stdout).toContain('NOT VERIFIED');

    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'hello');
    const damaged = cli(notZip);
    expect(damaged.status).toBe(1);
    expect(damaged.stdout).toContain('damaged');
  });
});
