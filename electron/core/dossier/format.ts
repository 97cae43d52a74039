/**
 * The sealed dossier: one case as a zip (fflate, stored uncompressed so a changed byte changes exactly one file)
 * holding the PDF case report, the session JSON, its media and the case's audit-chain slice, plus `manifest.json`
 * (every other file's SHA-256 and size, the session, the signer's public key) and `manifest.sig` (an Ed25519
 * signature of the manifest's exact bytes by the profile's key).
 *
 * What a valid dossier proves: nothing in it changed since the holder of that private key sealed it. The public key
 * travels inside, so the signature alone does not say who that holder is; the key's fingerprint does. A profile
 * keeps one key pair (private key in the OS keychain, never exported) and records the fingerprint in its audit
 * chain with every export, so a verifier who knows the team's fingerprint (from the app, or an earlier dossier)
 * pins it with `--fingerprint` and then knows the dossier came from that profile unchanged.
 *
 * This module is plain Node (node:crypto, fflate) with no engine state: the offline verifier uses it as is.
 */
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { AuditEntry } from '../../../shared/reviewer-api.js';
import { entryHash } from '../cache/audit-chain.js';

export const DOSSIER_FORMAT = 'countersign-dossier';
export const DOSSIER_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const AUDIT_FILE = 'audit-chain.json';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface DossierManifest {
  format: typeof DOSSIER_FORMAT;
  version: typeof DOSSIER_VERSION;
  createdAt: string;
  session: { id: string; kind: 'user' | 'business'; subject: string | null; status: string };
  signer: {
    algorithm: 'Ed25519';
    /** SPKI DER, base64. */
    publicKey: string;
    /** `sha256:` + hex SHA-256 of the SPKI DER: what a verifier compares with the fingerprint it trusts. */
    fingerprint: string;
    /** Where the private key lives: the OS keychain, or memory (a throwaway demo profile: the key dies with it). */
    keyStore: 'os' | 'memory';
    profileId: string;
  };
  /** The case's slice of the profile's audit chain (the entries naming this session), in seq order. */
  audit: { file: string; entries: number; firstSeq: number | null; lastSeq: number | null; lastHash: string | null };
  files: ManifestFile[];
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function fingerprintOf(spkiDer: Uint8Array): string {
  return `sha256:${sha256Hex(spkiDer)}`;
}

export interface DossierVerification {
  ok: boolean;
  /** The archive could not be read at all (not a zip, or its directory is damaged). */
  damaged: string | null;
  signatureValid: boolean;
  fingerprint: string | null;
  /** Set when a fingerprint was expected: whether the signer's matches it. */
  fingerprintMatches: boolean | null;
  /** Files whose bytes differ from the manifest (the manifest itself when its signature fails). */
  altered: string[];
  missing: string[];
  unexpected: string[];
  /** Audit entries whose hash does not follow from their own content and previous hash. */
  brokenAuditSeqs: number[];
  manifest: DossierManifest | null;
}

/** Verifies a dossier offline: the manifest's signature, every file's hash, and the audit slice's hashes. */
export function verifyDossier(zip: Uint8Array, opts: { fingerprint?: string } = {}): DossierVerification {
  const result: DossierVerification = {
    ok: false,
    damaged: null,
    signatureValid: false,
    fingerprint: null,
    fingerprintMatches: null,
    altered: [],
    missing: [],
    unexpected: [],
    brokenAuditSeqs: [],
    manifest: null,
  };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (err) {
    result.damaged = `not a readable zip archive (${(err as Error).message})`;
    return result;
  }
  const manifestBytes = files[MANIFEST_FILE];
  const signature = files[SIGNATURE_FILE];
  if (!manifestBytes) result.missing.push(MANIFEST_FILE);
  if (!signature) result.missing.push(SIGNATURE_FILE);
  if (!manifestBytes || !signature) return result;

  let manifest: DossierManifest;
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)) as DossierManifest;
    if (manifest.format !== DOSSIER_FORMAT || !Array.isArray(manifest.files)) throw new Error('not a dossier manifest');
  } catch {
    result.altered.push(MANIFEST_FILE);
    return result;
  }
  result.manifest = manifest;

  try {
    const der = Buffer.from(manifest.signer.publicKey, 'base64');
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    result.fingerprint = fingerprintOf(der);
    result.signatureValid =
      result.fingerprint === manifest.signer.fingerprint &&
      verifySignature(null, manifestBytes, key, Buffer.from(new TextDecoder().decode(signature).trim(), 'base64'));
  } catch {
    result.signatureValid = false;
  }
  if (!result.signatureValid) result.altered.push(MANIFEST_FILE);
  if (opts.fingerprint !== undefined) result.fingerprintMatches = normalise(opts.fingerprint) === result.fingerprint;

  const listed = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE]);
  for (const f of manifest.files) {
    listed.add(f.path);
    const bytes = files[f.path];
    if (!bytes) result.missing.push(f.path);
    else if (bytes.length !== f.size || sha256Hex(bytes) !== f.sha256) result.altered.push(f.path);
  }
  for (const path of Object.keys(files)) if (!listed.has(path)) result.unexpected.push(path);

  const audit = files[manifest.audit?.file ?? AUDIT_FILE];
  if (audit && !result.altered.includes(manifest.audit.file)) result.brokenAuditSeqs = brokenAuditEntries(audit);

  result.ok =
    result.signatureValid &&
    result.fingerprintMatches !== false &&
    result.altered.length === 0 &&
    result.missing.length === 0 &&
    result.unexpected.length === 0 &&
    result.brokenAuditSeqs.length === 0;
  return result;
}

/** Each entry's hash must follow from its previous hash and its content, as the profile's chain computed it. */
function brokenAuditEntries(bytes: Uint8Array): number[] {
  let entries: AuditEntry[];
  try {
    entries = JSON.parse(new TextDecoder().decode(bytes)) as AuditEntry[];
    if (!Array.isArray(entries)) return [-1];
  } catch {
    return [-1];
  }
  return entries
    .filter((e) => {
      try {
        return entryHash(e.prevHash, e) !== e.hash;
      } catch {
        return true;
      }
    })
    .map((e) => (typeof e.seq === 'number' ? e.seq : -1));
}

function normalise(fingerprint: string): string {
  const hex = fingerprint
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
    .replace(/[^0-9a-f]/g, '');
  return `sha256:${hex}`;
}
