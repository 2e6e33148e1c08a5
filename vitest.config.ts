import { defineConfig } from 'vitest/config';

// Three projects: `unit` and `integration` are the project's own tests (npm test); `suites` is the
// product, run by `secmatrix run` with its own reporters.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
          // Units first, then the integration tests (which start servers and processes).
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests start real servers and processes; keep them from fighting over 2 cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'suites',
          include: ['suites/**/*.test.ts'],
          // Provides the PKI, work dir and cells when the suites run alone (secmatrix run provides its own).
          globalSetup: ['suites/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
