export type * from './cache-api.js';
export type { DatabaseFileOptions } from './open-database.js';
export { DB_FILE, PROFILE_FILE, openProfileCache, wipeProfile } from './profile.js';
export { openCacheFile } from './sqlcipher-cache.js';
