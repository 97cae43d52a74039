/** Taking an engine test bed's sandbox offline and bringing it back on the same port and data. */
import { startSandbox } from '../../../sandbox/index.js';
import type { EngineTestBed } from './engine.js';

/** Stops the bed's sandbox; the answer starts it again where the engine's connections expect it. */
export async function takeSandboxOffline(bed: EngineTestBed): Promise<() => Promise<void>> {
  const port = Number(new URL(bed.apps.baseUrl).port);
  await bed.sandbox!.close();
  bed.sandbox = null;
  return async () => {
    bed.sandbox = await startSandbox({ dataDir: bed.sandboxDir, port });
  };
}
