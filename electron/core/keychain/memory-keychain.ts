import type { SecretStore } from './secret-store.js';

/** The demo profile's keychain: secrets live only as long as the process. */
export class MemoryKeychain implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.entries.set(account, value);
  }

  async delete(account: string): Promise<void> {
    this.entries.delete(account);
  }
}
