import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);
/** SU-1: a real SMTP server for the run, and where a spec reads what it received (ports derived from PORT). */
export const SMTP_PORT = PORT + 20_000;
export const SINK_PORT = PORT + 21_000;

/**
 * Playwright's own list of Chromium features to turn off (playwright-core 1.65's `chromiumSwitches`), plus the
 * WebUI omnibox popups. A second --disable-features replaces the first, so the list is whole here. Full Chromium
 * (not the headless shell) makes two omnibox popup pages for each browser context at start; their renderers took
 * about a tenth of the CPU of two end-to-end tests (`top`), for a popup no test opens.
 */
const DISABLED_FEATURES = `--disable-features=${[
  ...['AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable'],
  ...['LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect'],
  ...['TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch'],
  ...['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'],
].join(',')}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.playwright-report.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        DISABLED_FEATURES,
      ],
    },
  },
  webServer: [
    {
      command: `node tests/e2e/fixtures/smtpSink.mjs`,
      url: `http://127.0.0.1:${SINK_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { SMTP_PORT: String(SMTP_PORT), SINK_PORT: String(SINK_PORT) },
    },
    {
      command: `rm -rf .e2e-data && node server/dist/index.js`,
      url: `http://127.0.0.1:${PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: '.e2e-data', LOG_LEVEL: 'warn', SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}` },
    },
  ],
});
