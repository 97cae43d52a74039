/**
 * A loopback media host a raw sandbox session can point its media URLs at, so a test decides when the engine's media
 * download finishes. It answers bytes that are no image: the engine refuses them and stores the session without
 * them, and (unlike missing media) the poller does not fetch the session again for them; but every later store of
 * the session downloads them again, which is the moment a test can hold.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MediaHost {
  url: string;
  /** Requests received while held, waiting for `release`. */
  readonly held: number;
  /** From now on, answers wait until `release`. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startMediaHost(): Promise<MediaHost> {
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  let held = 0;
  const server = createServer((_req, res) => {
    const answer = () => res.writeHead(200, { 'content-type': 'image/jpeg' }).end('not an image');
    if (gate === null) return answer();
    held++;
    void gate.then(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const release = () => {
    open?.();
    gate = open = null;
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get held() {
      return held;
    },
    hold() {
      gate ??= new Promise((resolve) => (open = resolve));
    },
    release,
    close() {
      release();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
