import { defineConfig } from 'vitest/config';
import { HAS_SHARED_DATA, reportSkipped, testsNeedingSharedData } from './scripts/sharedData.ts';

// Without ../shared/data beside the checkout, the tests that read its real frames are left out (and named).
const needShared = HAS_SHARED_DATA ? [] : testsNeedingSharedData(import.meta.dirname, ['src', 'scripts'], /\.test\.ts$/, /test\/depthScales|from '\.\.\/test\/depthScales'/);
reportSkipped('vitest', needShared);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...needShared],
    environment: 'node',
    globalSetup: ['src/test/globalSetup.ts'],
    testTimeout: 30000,
    pool: 'forks',
  },
});
