/**
 * Where the engine keeps secrets (API keys, webhook secrets, the database key). Never on disk in clear:
 * the OS keychain for real profiles, process memory for the throwaway demo profile.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** Removing an entry that does not exist is not an error. */
  delete(account: string): Promise<void>;
  readonly kind: 'os' | 'memory';
  /** Proves the store usable right now (write, read back, delete); throws keychain_locked/_unavailable if not. */
  probe?(): Promise<void>;
}

/** Account names, spelled once. */
export const accounts = {
  apiKey: (connectionId: string) => `connection:${connectionId}:api-key`,
  webhookSecret: (connectionId: string) => `connection:${connectionId}:webhook-secret`,
  dbKey: (profileId: string) => `profile:${profileId}:db-key`,
  /** The profile's Ed25519 key that signs sealed dossiers (electron/core/dossier). */
  signingKey: (profileId: string) => `profile:${profileId}:signing-key`,
} as const;

/** Both keychain entries a connection may own. */
export function connectionAccounts(connectionId: string): string[] {
  return [accounts.apiKey(connectionId), accounts.webhookSecret(connectionId)];
}
