import { defineConfig } from 'vitest/config';

// Three suites: unit (pure code), integration (real sandbox over loopback, real keychain, real SQLCipher), e2e
// (Debian's Chromium against the browser host). Every integration and e2e file starts its own servers on port 0,
// keeps its data in its own temp folders and its keychain entries under a service name (or profile id) of its own,
// so files can run side by side. They run in three groups, one after the other:
//   1. unit + integration: 3 files at a time (most integration time is spent waiting on loopback I/O and child
//      processes, so a third worker keeps the 2 cores busy);
//   2. slow: the long and timing-sensitive files (SIGKILL crash rounds, rate-limit back-off, receiver hardening with
//      its socket timeouts and event-loop bound), side by side with each other only, never with the busy group 1;
//   3. e2e: two browser files at a time.
const SLOW = [
  'test/integration/engine-crash.test.ts',
  'test/integration/engine-network.test.ts',
  'test/integration/webhook-receiver-hardening.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: SLOW,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'slow',
          include: SLOW,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 3 },
          maxWorkers: 2,
        },
      },
    ],
  },
});
