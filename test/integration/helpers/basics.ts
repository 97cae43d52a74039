/**
 * The ground floor of the test helpers, shared by the integration and end-to-end suites: the repository root,
 * throwaway folders, and waiting for a condition (tests never sleep for a fixed time).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Response bodies are arbitrary JSON that tests walk freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** A fresh, empty folder under the OS temp dir, named `cs-<prefix>-XXXXXX`; remove it with `removeDir`. */
export function tempDir(prefix = 'test'): string {
  return mkdtempSync(join(tmpdir(), `cs-${prefix.replace(/-+$/, '')}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Polls `check` (at once, then every 250 ms) until it returns a value other than undefined/false, and returns that
 * value. A check that throws counts as "not yet"; on timeout the last error is part of the message.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One of Didit's documented examples from test/fixtures/didit/ (see its README for each file's source page). */
export function diditFixture(name: string): Json {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/fixtures/didit', name), 'utf8'));
}
