import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule of docs/architecture.md lives in eslint.config.js; these cases prove lint refuses each crossing.
const eslint = new ESLint();
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency rule', () => {
  it('refuses a renderer file importing electron/core, sandbox, electron or Node modules', async () => {
    const code = [
      "import { a } from '../../electron/core/engine.js';",
      "import { b } from '../../sandbox/index.js';",
      "import { ipcRenderer } from 'electron';",
      "import { readFileSync } from 'node:fs';",
      'export const all = [a, b, ipcRenderer, readFileSync];',
    ].join('\n');
    expect(await restrictedImports('renderer/src/probe.ts', code)).toHaveLength(4);
  });

  it('refuses electron/core importing electron, a host or the sandbox', async () => {
    const code = [
      "import { app } from 'electron';",
      "import { serve } from '../serve/server.js';",
      "import { startHost } from '../host/bootstrap.js';",
      "import { startSandbox } from '../../sandbox/index.js';",
      'export const all = [app, serve, startHost, startSandbox];',
    ].join('\n');
    expect(await restrictedImports('electron/core/probe.ts', code)).toHaveLength(4);
  });

  // The hosts: main and serve reach core only through its index (or through electron/host) and never each other;
  // electron/host is plain Node and imports no host; the preload holds the bridge only. [probe, imports, refused]
  const hostCrossings: [string, string[], number][] = [
    ['electron/main/probe.ts', ['../host/bootstrap.js', '../core/index.js', '../preload/channels.js'], 0],
    ['electron/serve/probe.ts', ['../host/invoke.js', '../core/index.js'], 0],
    ['electron/main/probe.ts', ['../serve/server.js', '../core/events.js'], 2],
    ['electron/serve/probe.ts', ['../main/ipc.js', 'electron', '../core/events.js'], 3],
    ['electron/host/probe.ts', ['../core/events.js', '../../sandbox/index.js', '../../shared/reviewer-api.js'], 0],
    ['electron/host/probe.ts', ['../serve/server.js', '../main/ipc.js', '../preload/channels.js', 'electron'], 4],
    ['electron/preload/probe.ts', ['../../shared/reviewer-api.js', 'electron', './channels.js'], 0],
    ['electron/preload/probe.ts', ['../core/index.js', '../host/invoke.js', '../main/ipc.js', '../serve/server.js'], 4],
    ['electron/core/sync/probe.ts', ['../../host/bootstrap.js', '../../serve/server.js'], 2],
  ];
  it.each(hostCrossings)('%s importing %j: %i refused', async (filePath, specifiers, refused) => {
    const code = [
      ...specifiers.map((specifier, i) => `import * as m${i} from '${specifier}';`),
      `export const all = [${specifiers.map((_, i) => `m${i}`).join(', ')}];`,
    ].join('\n');
    expect(await restrictedImports(filePath, code)).toHaveLength(refused);
  });

  it('refuses shared/ importing Node modules or another layer, and lets every layer import shared/', async () => {
    const bad =
      "import { createHmac } from 'node:crypto';\nimport { x } from '../sandbox/index.js';\nexport const y = [createHmac, x];";
    expect(await restrictedImports('shared/probe.ts', bad)).toHaveLength(2);
    const good =
      "import { isFinishedStatus } from '../../shared/didit/statuses.js';\nexport const f = isFinishedStatus;";
    expect(await restrictedImports('renderer/src/probe.ts', good)).toEqual([]);
    expect(await restrictedImports('electron/core/probe.ts', good)).toEqual([]);
  });
});
