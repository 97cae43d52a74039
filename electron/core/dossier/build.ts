/** Builds a sealed dossier (format.ts) from a case already read from the cache and the profile's signing key. */
import { sign, type KeyObject } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import type { AuditEntry, SessionDetail } from '../../../shared/reviewer-api.js';
import {
  AUDIT_FILE,
  DOSSIER_FORMAT,
  DOSSIER_VERSION,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  sha256Hex,
  type DossierManifest,
  type ManifestFile,
} from './format.js';

export interface DossierSigner {
  privateKey: KeyObject;
  publicKeyDer: Uint8Array;
  fingerprint: string;
  keyStore: 'os' | 'memory';
  profileId: string;
}

export interface DossierInput {
  detail: SessionDetail;
  report: { fileName: string; pdf: Uint8Array };
  media: { locator: string; contentType: string; bytes: Uint8Array }[];
  /** Every audit entry naming this session, in seq order. */
  audit: AuditEntry[];
  signer: DossierSigner;
  createdAt?: Date;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** A media locator (`id_verifications[0].front_image`) as a file name inside the archive. */
function mediaPath(index: number, locator: string, contentType: string): string {
  const base =
    locator
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 100) || 'item';
  return `media/${String(index + 1).padStart(2, '0')}-${base}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

export function buildDossier(input: DossierInput): { fileName: string; zip: Uint8Array; manifestSha256: string } {
  const { detail, signer } = input;
  const createdAt = (input.createdAt ?? new Date()).toISOString();
  const { row, payload, unreadable, media: _mediaList, audit: _audit, ...rest } = detail;
  const contents = new Map<string, Uint8Array>();
  contents.set('case-report.pdf', input.report.pdf);
  // The session as the app read it (unreadable parts with their raw JSON), then what this workspace added.
  contents.set('session.json', json({ payload, unreadable }));
  contents.set(
    'case.json',
    json({
      row,
      ...rest,
      media: input.media.map((m) => ({ locator: m.locator, contentType: m.contentType, size: m.bytes.length })),
    }),
  );
  input.media.forEach((m, i) => contents.set(mediaPath(i, m.locator, m.contentType), m.bytes));
  contents.set(AUDIT_FILE, json(input.audit));

  const files: ManifestFile[] = [...contents].map(([path, bytes]) => ({
    path,
    size: bytes.length,
    sha256: sha256Hex(bytes),
  }));
  const last = input.audit.at(-1);
  const manifest: DossierManifest = {
    format: DOSSIER_FORMAT,
    version: DOSSIER_VERSION,
    createdAt,
    session: { id: row.id, kind: row.kind, subject: row.subjectName, status: row.status },
    signer: {
      algorithm: 'Ed25519',
      publicKey: Buffer.from(signer.publicKeyDer).toString('base64'),
      fingerprint: signer.fingerprint,
      keyStore: signer.keyStore,
      profileId: signer.profileId,
    },
    audit: {
      file: AUDIT_FILE,
      entries: input.audit.length,
      firstSeq: input.audit[0]?.seq ?? null,
      lastSeq: last?.seq ?? null,
      lastHash: last?.hash ?? null,
    },
    files,
  };
  const manifestBytes = json(manifest);
  const signature = sign(null, manifestBytes, signer.privateKey).toString('base64');

  const mtime = new Date(createdAt);
  const zippable: Zippable = {};
  // Stored, not deflated: a changed byte changes exactly the file it falls in, which the verifier then names.
  const stored = (bytes: Uint8Array): [Uint8Array, { level: 0; mtime: Date }] => [bytes, { level: 0, mtime }];
  zippable[MANIFEST_FILE] = stored(manifestBytes);
  zippable[SIGNATURE_FILE] = stored(new TextEncoder().encode(`${signature}\n`));
  for (const [path, bytes] of contents) zippable[path] = stored(bytes);
  const zip = zipSync(zippable);

  const subject = (row.subjectName ?? row.vendorData ?? 'session')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return {
    fileName: `dossier-${subject || 'session'}-${row.id.slice(0, 8)}.zip`,
    zip,
    manifestSha256: sha256Hex(manifestBytes),
  };
}
