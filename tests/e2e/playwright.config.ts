import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Each spec file starts its own server (see fixtures.ts).
export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results',
  use: {
    locale: 'ro-MD',
    viewport: { width: 1366, height: 850 },
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
});
