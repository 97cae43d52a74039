/**
 * Where a host keeps its profile, and the lock that keeps two hosts off one profile (two syncs, two embedded
 * sandboxes on one port). Electron passes `<userData>/profile`; the browser host defaults to the same folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const PRODUCT = 'Countersign';

/** The same folder Electron's `app.getPath('userData')` gives for productName Countersign, plus `/profile`. */
export function defaultProfileDir(): string {
  const home = homedir();
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, PRODUCT, 'profile');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const LOCK_FILE = 'host.lock';
const THROWAWAY_PREFIX = 'countersign-demo-';

/** The pid in a profile's lock file, or null when there is none (or it is unreadable). */
function lockHolder(profileDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(profileDir, LOCK_FILE), 'utf8'), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * A fresh throwaway profile for the memory-keychain demo. Throwaway profiles of hosts that died without cleaning up
 * (killed) are deleted first: their database key lived only in that process, so nothing in them can be read again.
 */
export function throwawayProfileDir(): string {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(THROWAWAY_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const holder = lockHolder(dir);
    if (holder !== null && !isRunning(holder)) rmSync(dir, { recursive: true, force: true });
  }
  return mkdtempSync(join(tmpdir(), THROWAWAY_PREFIX));
}

/** Takes `<profileDir>/host.lock` (a stale lock of a dead process is taken over); returns its release. */
export function lockProfile(profileDir: string): () => void {
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const file = join(profileDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(profileDir);
      if (holder !== null && holder !== process.pid && isRunning(holder)) {
        throw new Error(
          `Another Countersign host (process ${holder}) is using the profile ${profileDir}. Quit it first.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the profile ${profileDir}.`);
}
