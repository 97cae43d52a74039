// The demo media a build writes (sandbox/demo-media.ts): every medium of the demo plan, byte for byte what the
// generator draws, handed out only for the record it was drawn for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoRecordDigest,
  openDemoMediaFile,
  writeDemoMediaFile,
  type DemoMediaFile,
} from '../../sandbox/demo-media.js';
import { demoPlan, type SyntheticSession } from '../../sandbox/synthetic/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cs-demo-media-'));
let file: DemoMediaFile;
let sessions: SyntheticSession[];

beforeAll(() => {
  writeDemoMediaFile(join(dir, 'demo-media.bin'));
  file = openDemoMediaFile(join(dir, 'demo-media.bin'))!;
  sessions = demoPlan().issuerSessions;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo media file', () => {
  it("holds every demo session's media as the generator draws them", () => {
    for (const [index, session] of sessions.entries()) {
      const media = file.media(index, demoRecordDigest(index, session));
      expect(media && [...media.keys()].sort(), `session ${index}`).toEqual(Object.keys(session.media).sort());
      for (const [key, medium] of Object.entries(session.media)) {
        expect(Buffer.from(media!.get(key)!).equals(Buffer.from(medium.bytes)), `${index} ${key}`).toBe(true);
      }
    }
  });

  it('hands out nothing for another record, and there is no file to open where none was written', () => {
    expect(file.media(0, demoRecordDigest(1, sessions[1]!))).toBeNull();
    expect(file.media(sessions.length, 'any')).toBeNull();
    expect(openDemoMediaFile(join(dir, 'missing.bin'))).toBeNull();
  });
});
