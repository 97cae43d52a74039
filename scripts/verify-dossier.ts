/**
 * Verifies a sealed dossier offline: `npm run verify-dossier -- <file.zip> [--fingerprint sha256:<hex>]`.
 * Checks the manifest's Ed25519 signature, every file's SHA-256 and the audit-chain slice, and names any file that
 * was altered, is missing or was added. With `--fingerprint` it also requires the signer to be that key (the
 * profile's fingerprint, as recorded in its audit trail at each export). Exit 0: verified; 1: not; 2: usage.
 */
import { readFile } from 'node:fs/promises';
import { verifyDossier } from '../electron/core/dossier/format.js';

function usage(): never {
  process.stderr.write('usage: npm run verify-dossier -- <dossier.zip> [--fingerprint sha256:<hex>]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let fingerprint: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--fingerprint') fingerprint = args[++i] ?? usage();
  else if (args[i] === '--help' || args[i] === '-h') usage();
  else if (file === undefined) file = args[i];
  else usage();
}
if (!file) usage();

let bytes: Buffer;
try {
  bytes = await readFile(file);
} catch (err) {
  process.stderr.write(`cannot read ${file}: ${(err as Error).message}\n`);
  process.exit(2);
}
const r = verifyDossier(bytes, { fingerprint });
const out = (line: string) => process.stdout.write(`${line}\n`);
if (r.damaged) {
  out(`NOT VERIFIED: ${file} is damaged: ${r.damaged}`);
  process.exit(1);
}
if (r.manifest) {
  const m = r.manifest;
  out(
    `Dossier of ${m.session.kind === 'user' ? 'KYC' : 'KYB'} session ${m.session.id} (${m.session.subject ?? 'unnamed'}), sealed ${m.createdAt}`,
  );
  out(
    `Signer: Ed25519 key ${r.fingerprint ?? m.signer.fingerprint} of profile ${m.signer.profileId}${m.signer.keyStore === 'memory' ? ' (a throwaway demo profile: its key no longer exists)' : ''}`,
  );
  out(`Files: ${m.files.length}; audit entries: ${m.audit.entries}`);
}
out(`Signature: ${r.signatureValid ? 'valid' : 'INVALID'}`);
if (r.fingerprintMatches !== null)
  out(`Expected signer: ${r.fingerprintMatches ? 'matches' : 'DOES NOT MATCH'} ${fingerprint}`);
for (const path of r.altered) out(`ALTERED: ${path}`);
for (const path of r.missing) out(`MISSING: ${path}`);
for (const path of r.unexpected) out(`UNEXPECTED: ${path}`);
for (const seq of r.brokenAuditSeqs) out(`AUDIT ENTRY BROKEN: #${seq}`);
out(r.ok ? 'VERIFIED' : 'NOT VERIFIED');
process.exit(r.ok ? 0 : 1);
