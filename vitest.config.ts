import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Unit and integration files share a worker's module graph (isolate: false): importing the sources again for every
    // file cost more than the tests. A file must therefore leave no global state behind (test/setup.ts re-arms nock).
    // The e2e files start processes of their own and keep vitest's isolation.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous on purpose: CI runs on a 2-core machine that may be busy with other work, and many
    // tests start child processes (the server, workers, the CLI). No test asserts a duration.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // `npm test -- --coverage` (as .ci/run does) fails when these are not met.
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary', 'json-summary'],
      reportOnFailure: true,
      thresholds: {
        lines: 75,
        branches: 75,
        'src/policy/**': { lines: 85, branches: 85 },
        'src/state/**': { lines: 85, branches: 85 },
        'src/llm/**': { lines: 85, branches: 85 },
        'src/packages/**': { lines: 85, branches: 85 },
      },
    },
    // Three on a 2-core machine: the e2e and integration files spend much of their time waiting on child processes and
    // PostgreSQL, so a third worker overlaps that waiting (a quiet fresh-clone .ci/run: 197 s with three, 272 s with two).
    maxWorkers: 3,
  },
});
