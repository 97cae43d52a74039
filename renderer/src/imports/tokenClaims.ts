// Reads (without verifying: only the server can) the claims of a pasted share token, so the dialog can offer
// workflows of the token's kind and say when it expires. Anything unreadable gives null.
import { shareTokenClaimsSchema, type ShareTokenClaims } from '../../../shared/didit/api.js';

export function readTokenClaims(token: string): ShareTokenClaims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[1].length > 8_000) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const parsed = shareTokenClaimsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
