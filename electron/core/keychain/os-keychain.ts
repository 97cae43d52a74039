import { randomBytes } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import type { SecretStore } from './secret-store.js';

export const DEFAULT_KEYCHAIN_SERVICE = 'countersign';
/** Long enough for a person to answer an unlock prompt; short enough that a wedged keyring gets reported. */
const DEFAULT_TIMEOUT_MS = 120_000;

const UNAVAILABLE =
  'No usable OS keychain. Countersign keeps API keys and the database key only in the Secret Service ' +
  '(GNOME Keyring or KWallet) and could not reach one. Install and start gnome-keyring or KWallet inside a desktop ' +
  'session (with DBUS_SESSION_BUS_ADDRESS set), or open the demo profile, whose keys live only in memory.';
const LOCKED =
  'The OS keychain is locked. Unlock your login keyring (GNOME Keyring or KWallet, e.g. with Seahorse) and try again.';

export interface OsKeychainOptions {
  /** Secret Service "service" attribute; tests use their own so they never touch real entries. */
  service?: string;
  /** How long one keychain call may take before it is reported as failed. */
  timeoutMs?: number;
}

/**
 * Secrets in the OS keychain through @napi-rs/keyring, pinned to the Secret Service on Linux (the default store
 * silently falls back to the non-persistent kernel keyring). Every failure becomes keychain_unavailable or
 * keychain_locked; there is never a plaintext fallback.
 */
export class OsKeychain implements SecretStore {
  readonly kind = 'os' as const;
  readonly service: string;
  private readonly timeoutMs: number;
  /**
   * One entry per account, kept: constructing one opens a D-Bus connection synchronously (about 5 ms, blocking the
   * thread), while a call on an open one takes about 1 ms; a start calls the same few accounts several times.
   */
  private readonly entries = new Map<string, AsyncEntry>();

  constructor(options: OsKeychainOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** A keychain proven usable: a probe entry is written, read back and deleted. */
  static async open(options: OsKeychainOptions = {}): Promise<OsKeychain> {
    const keychain = new OsKeychain(options);
    await keychain.probe();
    return keychain;
  }

  async probe(): Promise<void> {
    const account = `probe:${randomBytes(8).toString('hex')}`;
    const value = randomBytes(16).toString('hex');
    await this.set(account, value);
    const read = await this.get(account);
    await this.delete(account);
    // A locked collection can accept nothing and answer null rather than fail.
    if (read !== value) throw new ReviewerError('keychain_locked', LOCKED);
  }

  async get(account: string): Promise<string | null> {
    return this.call((entry, signal) => entry.getPassword(signal), account);
  }

  async set(account: string, value: string): Promise<void> {
    await this.call((entry, signal) => entry.setPassword(value, signal), account);
  }

  async delete(account: string): Promise<void> {
    await this.call((entry, signal) => entry.deletePassword(signal), account);
    this.entries.delete(account);
  }

  private async call<T>(op: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>, account: string): Promise<T> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      // The constructor already talks to D-Bus and throws when there is no session bus.
      let entry = this.entries.get(account);
      if (entry === undefined) {
        entry = new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
        this.entries.set(account, entry);
      }
      return await op(entry, signal);
    } catch (err) {
      // A failed entry may hold a broken connection (the keyring restarted): the next call opens a new one.
      this.entries.delete(account);
      throw keychainError(err, signal.aborted ? this.timeoutMs : null);
    }
  }
}

function keychainError(err: unknown, timedOutAfterMs: number | null): ReviewerError {
  if (timedOutAfterMs !== null) {
    return new ReviewerError(
      'keychain_locked',
      `The OS keychain did not answer within ${Math.round(timedOutAfterMs / 1000)} s; an unlock prompt may be waiting. ${LOCKED}`,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  if (/locked|unlock|prompt/i.test(detail)) return new ReviewerError('keychain_locked', `${LOCKED} (${detail})`);
  return new ReviewerError('keychain_unavailable', `${UNAVAILABLE} (${detail})`);
}
