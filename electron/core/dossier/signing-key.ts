/**
 * The profile's dossier signing key: an Ed25519 key pair made on first use, its private key (PKCS#8, base64) kept
 * in the keychain like the database key (account `profile:<id>:signing-key`), never on disk or shown. Wiping the
 * profile deletes it; a dossier signed with it stays verifiable, since it carries the public key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { readProfileId } from '../cache/profile.js';
import { accounts, type SecretStore } from '../keychain/index.js';
import type { DossierSigner } from './build.js';
import { fingerprintOf } from './format.js';

export async function profileSigner({
  profileDir,
  secrets,
}: {
  profileDir: string;
  secrets: SecretStore;
}): Promise<DossierSigner> {
  const profileId = await readProfileId(profileDir);
  if (profileId === null) throw new ReviewerError('validation', 'This profile has no identity to sign a dossier with.');
  const account = accounts.signingKey(profileId);
  let stored = await secrets.get(account);
  if (stored === null) {
    const { privateKey } = generateKeyPairSync('ed25519');
    stored = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    await secrets.set(account, stored);
  }
  const privateKey = createPrivateKey({ key: Buffer.from(stored, 'base64'), format: 'der', type: 'pkcs8' });
  const publicKeyDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return {
    privateKey,
    publicKeyDer,
    fingerprint: fingerprintOf(publicKeyDer),
    keyStore: secrets.kind,
    profileId,
  };
}
