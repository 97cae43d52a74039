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
      "import { startSandbox } from '../../sandbox/index.js';",
      'export const all = [app, serve, startSandbox];',
    ].join('\n');
    expect(await restrictedImports('electron/core/probe.ts', code)).toHaveLength(3);
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
