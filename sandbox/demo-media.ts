/**
 * The demo's media: how they are addressed before they are drawn, and the file that ships them drawn.
 *
 * The demo plan is deterministic (synthetic/rng.ts, dates from a fixed day), so `electron-vite build` draws its
 * media once and writes them next to the built hosts (out/demo-media.bin, see electron.vite.config.ts). A demo
 * started from the build then reads its images instead of drawing them while its first sync runs (about 0.3 s of
 * CPU on the thread that also serves the UI). Each session's entry carries the digest of the record its media
 * belong to: they are used only for a stored session this build's plan generates exactly.
 *
 * File format: a 4-byte big-endian header length, the header (JSON: per demo session, its record digest and each
 * medium's offset and length), then the media bytes back to back.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { storedMediaRef } from './payload.js';
import { contentDigest } from './store/sessions.js';
import { demoPlan, MEDIA_REF_PREFIX, type SyntheticSession } from './synthetic/index.js';

/** The file's name in the build's output folder (out/), beside the built hosts' folders. */
export const DEMO_MEDIA_FILE = 'demo-media.bin';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** The address of a demo medium: its session's index in the demo plan and its key in that session. */
export const demoMediaId = (demoIndex: number, key: string): string =>
  sha256(`countersign-demo-medium:${demoIndex}:${key}`);

/** `features` as stored: each `media:<key>` replaced by the reference to the address `idOf` gives that medium. */
export function storedFeatures(synthetic: SyntheticSession, idOf: (key: string) => string): string {
  return JSON.stringify(synthetic.features, (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith(MEDIA_REF_PREFIX)) return value;
    const key = value.slice(MEDIA_REF_PREFIX.length);
    if (!synthetic.media[key]) throw new Error(`Generated session references unknown media ${key}`);
    return storedMediaRef(idOf(key));
  });
}

/** The digest of demo session `demoIndex`'s record as the sandbox stores it (its media undrawn). */
export function demoRecordDigest(demoIndex: number, session: SyntheticSession): string {
  const features = storedFeatures(session, (key) => demoMediaId(demoIndex, key));
  return contentDigest(JSON.stringify(session.featureNames), features);
}

interface Header {
  sessions: { record: string; media: Record<string, [offset: number, length: number]> }[];
}

/** Draws every medium of the demo plan and writes them to `file`. */
export function writeDemoMediaFile(file: string): void {
  const header: Header = { sessions: [] };
  const parts: Uint8Array[] = [];
  let offset = 0;
  demoPlan().issuerSessions.forEach((session, index) => {
    const media: Header['sessions'][number]['media'] = {};
    for (const [key, medium] of Object.entries(session.media)) {
      media[key] = [offset, medium.bytes.length];
      parts.push(medium.bytes);
      offset += medium.bytes.length;
    }
    header.sessions.push({ record: demoRecordDigest(index, session), media });
  });
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  writeFileSync(file, Buffer.concat([length, json, ...parts]));
}

/** The drawn media of a demo media file, read once; null when there is no such file. */
export function openDemoMediaFile(file: string): DemoMediaFile | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const headerLength = bytes.readUInt32BE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as Header;
  return new DemoMediaFile(header, bytes.subarray(4 + headerLength));
}

export class DemoMediaFile {
  constructor(
    private readonly header: Header,
    private readonly body: Buffer,
  ) {}

  /** Demo session `demoIndex`'s media by key, when the file holds them for the record with this digest. */
  media(demoIndex: number, record: string): Map<string, Uint8Array> | null {
    const entry = this.header.sessions[demoIndex];
    if (entry?.record !== record) return null;
    return new Map(
      Object.entries(entry.media).map(([key, [offset, length]]) => [key, this.body.subarray(offset, offset + length)]),
    );
  }
}
