/** The reviewer engine's public surface: what the hosts (Electron main, the browser host) import. */
export { openEngine, startEngine, Engine, type EngineOptions } from './engine/engine.js';
export { MemoryKeychain, OsKeychain, type SecretStore } from './keychain/index.js';
export { LOOPBACK_NO_PROXY, proxyFromEnv, type ProxySettings } from './http-dispatcher.js';
