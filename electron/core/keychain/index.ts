export { accounts, connectionAccounts, type SecretStore } from './secret-store.js';
export { MemoryKeychain } from './memory-keychain.js';
export { DEFAULT_KEYCHAIN_SERVICE, OsKeychain, type OsKeychainOptions } from './os-keychain.js';
