import base from '../playwright.config';
import { defineConfig } from '@playwright/test';

/** `pnpm screenshots`: drives a real retro and writes the README's pictures to docs/screenshots/. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots/*.shots.ts',
  reporter: [['list']],
  use: { ...base.use, actionTimeout: 20_000 },
  outputDir: '../test-results/screenshots',
  webServer: (Array.isArray(base.webServer) ? base.webServer : [base.webServer!]).map((server) => ({ ...server, cwd: '..' })),
});
