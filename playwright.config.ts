import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { HAS_SHARED_DATA, reportSkipped, testsNeedingSharedData } from './scripts/sharedData.ts';

// Playwright drives the system Chromium (its own browser download cannot work offline).
// SPATIAL_LENS_CHROMIUM overrides the path.
export const CHROMIUM = process.env.SPATIAL_LENS_CHROMIUM ?? '/usr/bin/chromium';
/** The preview server's port: SPATIAL_LENS_PORT lets two checkouts run their end-to-end tests side by side. */
export const PORT = Number(process.env.SPATIAL_LENS_PORT ?? 4173);
export const BASE_URL = `http://localhost:${PORT}/`;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Without ../shared/data beside the checkout, the specs that drop its real frames are left out (and named).
const needShared = HAS_SHARED_DATA ? [] : testsNeedingSharedData(import.meta.dirname, ['e2e'], /\.spec\.ts$/, /from '\.\/(fixtures|helpers)'/);
reportSkipped('playwright', needShared);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  testIgnore: needShared.map((f) => path.basename(f)),
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/globalSetup.ts',
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
