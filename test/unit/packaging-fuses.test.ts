/**
 * The packaged app's Electron fuses, read from the electron-builder config as electron-builder reads it: a build
 * whose binary could run as plain Node, take NODE_OPTIONS or --inspect, or load code from outside its checked asar
 * would let anyone with a shell on the analyst's machine run code with the app's keychain access.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const config = load(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as {
  electronFuses?: Record<string, boolean>;
  asar?: unknown;
};

describe('packaging', () => {
  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar archive, so the integrity fuse has a hash to check', () => {
    expect(config.asar === undefined || config.asar === true).toBe(true);
  });
});
