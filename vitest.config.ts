import { defineConfig } from 'vitest/config';

// Three suites: unit (pure code), integration (real sandbox over loopback, real keychain, real SQLCipher),
// e2e (Debian's Chromium against the browser host). Integration and e2e spawn servers, so files run one at a time
// on this 2-core machine.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
