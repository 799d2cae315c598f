import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    // Most end-to-end tests wait on sockets and timers rather than compute, so more workers than cores pay.
    maxWorkers: 4,
    // Child processes (tsx, the compiled bot) take several seconds to start on a 2-core machine shared with other work.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
