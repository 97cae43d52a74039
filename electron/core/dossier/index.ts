export { buildDossier, type DossierInput, type DossierSigner } from './build.js';
export { verifyDossier, type DossierManifest, type DossierVerification } from './format.js';
export { profileSigner } from './signing-key.js';
