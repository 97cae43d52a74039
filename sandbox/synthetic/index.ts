/**
 * The sandbox's synthetic demo data: deterministic, fictional KYC and KYB sessions with raster media.
 * Pure code (no file system, no network); the server stores the media and serves them as signed URLs.
 */
import { kybSessionWithFacts } from './kyb.js';
import { kycSession } from './kyc.js';
import type { SyntheticOptions, SyntheticSession } from './types.js';

export { createRng } from './rng.js';
export { demoPlan, demoSession, DEMO_APPLICATION_NAMES, DEMO_FACTS, DEMO_SEED } from './demo.js';
export { CHIP_DOCUMENTS_FROM, SCORE_THRESHOLDS, KYC_FEATURE_NAMES } from './kyc.js';
export { KYB_FEATURE_NAMES } from './kyb.js';
export { previewPayload, resolveMediaRefs } from './preview.js';
export * from './types.js';

export function syntheticSession(opts: SyntheticOptions): SyntheticSession {
  if (opts.kind === 'business') return kybSessionWithFacts(opts).session;
  if (opts.kind === 'user') return kycSession(opts);
  throw new Error(`Unknown session kind: ${String(opts.kind)}`);
}
