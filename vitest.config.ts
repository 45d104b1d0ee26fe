import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/memory-check.ts'],
    // Native kernels use OpenMP; one OMP thread per worker keeps two workers from spin-waiting
    // against each other on two cores (see ENVIRONMENT.md).
    env: { OMP_NUM_THREADS: '1', XDG_RUNTIME_DIR: '/tmp' },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
