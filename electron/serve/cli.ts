/**
 * `npm run serve`: the Countersign UI in a browser, for machines where the Electron binary cannot run.
 *
 *   node out/serve/cli.js [--port <n>] [--profile <dir>] [--no-demo] [--no-open]
 *                         [--headers-timeout <ms>] [--request-timeout <ms>] [--keep-alive-timeout <ms>]
 *
 * (this file built by `electron-vite build`, see electron.vite.config.ts)
 *
 * The timeout options exist for tests; the defaults (10 s, 30 s, 5 s) are in server.ts.
 *
 * Binds 127.0.0.1 only. When ready (serving; the engine may still be starting, calls wait for it) it prints exactly
 * one JSON line on stdout,
 *   {"event":"ready","url":"http://127.0.0.1:<port>/?token=<token>","token":"<token>","keychain":"os"|"memory"}
 * where `url` is the launch link (it trades the token for an HttpOnly cookie, see host-auth.ts) and `token` is
 * what API clients send as `Authorization: Bearer <token>`. Logs go to stderr. SIGINT/SIGTERM shut down cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openHost } from '../host/bootstrap.js';
import { defaultProfileDir } from '../host/profile.js';
import { defaultRendererDir } from '../host/renderer-files.js';
import { newLaunchToken } from './host-auth.js';
import { startHostServer, type HostServerTimeouts } from './server.js';

const USAGE =
  'Usage: npm run serve -- [--port <0-65535>] [--profile <dir>] [--no-demo] [--no-open]\n' +
  '       [--headers-timeout <ms>] [--request-timeout <ms>] [--keep-alive-timeout <ms>]';

interface CliOptions {
  port: number;
  profileDir: string;
  demo: boolean;
  open: boolean;
  timeouts: HostServerTimeouts;
}

const TIMEOUT_FLAGS: Record<string, keyof HostServerTimeouts> = {
  '--headers-timeout': 'headersTimeoutMs',
  '--request-timeout': 'requestTimeoutMs',
  '--keep-alive-timeout': 'keepAliveTimeoutMs',
};

function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { port: 0, profileDir: defaultProfileDir(), demo: true, open: true, timeouts: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port > 65_535) throw new Error(`--port must be a number from 0 to 65535, not ${raw}.`);
      opts.port = port;
    } else if (arg === '--profile') opts.profileDir = resolve(value());
    else if (arg === '--no-demo') opts.demo = false;
    else if (arg === '--no-open') opts.open = false;
    else if (arg !== undefined && Object.hasOwn(TIMEOUT_FLAGS, arg)) {
      const raw = value();
      const ms = Number(raw);
      if (!/^\d+$/.test(raw) || ms < 100 || ms > 600_000) {
        throw new Error(`${arg} must be a number of milliseconds from 100 to 600000, not ${raw}.`);
      }
      opts.timeouts[TIMEOUT_FLAGS[arg]!] = ms;
    } else throw new Error(`Unknown option ${arg}.`);
  }
  return opts;
}

/** A browser for the launch link, when there is a screen to show it on. */
function openBrowser(url: string): void {
  const opener =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', [url]]
          : null;
  if (!opener) return;
  const [command, args] = opener as [string, string[]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => console.error(`Could not start ${command}; open the printed URL yourself.`));
  child.unref();
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const rendererDir = defaultRendererDir();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`The UI is not built (${rendererDir} has no index.html). Run \`npx electron-vite build\` first.`);
    process.exit(1);
  }

  const {
    runtime: host,
    started,
    createsDemo,
  } = await openHost({ profileDir: opts.profileDir, demo: opts.demo, log: (line) => console.error(line) });
  // On a later start, ready comes as soon as the profile is claimed: the browser loads the UI while the demo sandbox
  // and the engine start, and the UI's first calls wait for the engine. A start that creates the demo world waits
  // for the engine first: until its first sync stores sessions the UI has nothing to show, and loading it meanwhile
  // only takes CPU from that work.
  if (createsDemo) await started;
  const token = newLaunchToken();
  let server: Awaited<ReturnType<typeof startHostServer>>;
  try {
    server = await startHostServer({
      engine: host.engine,
      token,
      rendererDir,
      port: opts.port,
      timeouts: opts.timeouts,
    });
  } catch (err) {
    await host.close();
    throw err;
  }
  console.log(JSON.stringify({ event: 'ready', url: server.launchUrl, token, keychain: host.keychain }));
  console.error(
    `Countersign is at ${server.origin} (profile: ${host.profileDir}${host.keychain === 'memory' ? ', in memory only' : ''}).`,
  );
  if (opts.open) openBrowser(server.launchUrl);
  started.catch((err: unknown) => {
    console.error(`Countersign could not start: ${err instanceof Error ? err.message : String(err)}`);
    void server.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting without a clean shutdown.`);
      process.exit(1);
    }
    stopping = true;
    console.error(`${signal}: shutting down.`);
    server
      .close()
      .then(() => host.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Countersign could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
