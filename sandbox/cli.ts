/**
 * `npm run sandbox -- --port <n> --data <dir> [--demo] [--host 127.0.0.1] [--rate-limit] [--log-level info]
 *  [--import-answer full|short]`
 * Prints exactly one JSON line on stdout when ready (API keys only when created in this start); logs go to stderr.
 * The data dir is created 0700 and its files 0600; the database is plain (the embedded demo sandbox encrypts its own).
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './index.js';

const USAGE =
  'usage: npm run sandbox -- --port <n> --data <dir> [--demo] [--host 127.0.0.1] [--rate-limit] [--log-level info] ' +
  '[--import-answer full|short]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        'rate-limit': { type: 'boolean', default: false },
        'log-level': { type: 'string', default: 'info' },
        'import-answer': { type: 'string', default: 'full' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid --port: ${values.port}`);
  if (!values.data) fail('--data <dir> is required');
  const importAnswer = values['import-answer'];
  if (importAnswer !== 'full' && importAnswer !== 'short') fail(`Invalid --import-answer: ${importAnswer}`);
  // The data dir holds the demo's people, media and the server's signing keys: whatever this process creates is
  // private to its owner (the database also sets 0700/0600 itself, for the embedded sandbox).
  process.umask(0o077);

  const sandbox = await startSandbox({
    dataDir: values.data,
    port,
    host: values.host,
    demo: values.demo,
    rateLimit: values['rate-limit'],
    logLevel: values['log-level'],
    importAnswer,
  });
  const ready = {
    event: 'ready',
    base_url: sandbox.baseUrl,
    applications: sandbox.applications.map((a) => ({
      id: a.id,
      name: a.name,
      ...(a.apiKey ? { api_key: a.apiKey } : {}),
      workflows: a.workflows,
    })),
  };

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`sandbox: ${signal}, stopping`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('sandbox: error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Only now: a parent that reads this line may signal at once, before any later statement has run.
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((err: unknown) => {
  console.error('sandbox: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
