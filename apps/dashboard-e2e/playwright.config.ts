import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Journeys through the real product: the built API (`node dist/apps/api/main.js`) serving the
 * built dashboard, on a free port, with a fresh embedded database (demo staff loaded on start).
 * Playwright re-reads this file in each worker, so the port and data directory are chosen once
 * and passed down through the environment.
 */
const workspaceRoot = join(__dirname, '..', '..');

// Nx evaluates this file in its own process too, where a child's stdout may be swallowed, so the
// child writes the free port to a file instead.
if (!/^\d+$/.test(process.env['E2E_PORT'] ?? '')) {
  const { NODE_CHANNEL_FD: _ipc, ...env } = process.env;
  const file = join(mkdtempSync(join(tmpdir(), 'venule-port-')), 'port');
  execFileSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{require('fs').writeFileSync(${JSON.stringify(file)},String(s.address().port));s.close()})`,
    ],
    { env, stdio: 'ignore' },
  );
  process.env['E2E_PORT'] = readFileSync(file, 'utf8');
}
if (!process.env['E2E_DATA_DIR']) {
  process.env['E2E_DATA_DIR'] = mkdtempSync(join(tmpdir(), 'venule-e2e-'));
}
const port = process.env['E2E_PORT'];
const baseURL = `http://127.0.0.1:${port}`;

/** Debian's Chromium: `npx playwright install` cannot download here (TOOLCHAIN.md). */
const chromium = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // A UK clinic's browser (the dashboard's date fields read DD/MM/YYYY in any language; reception.spec checks en-US).
    '--lang=en-GB',
  ],
};

export default defineConfig({
  testDir: './src',
  outputDir: join(workspaceRoot, 'dist/.playwright/apps/dashboard-e2e/test-output'),
  fullyParallel: false,
  workers: 1,
  retries: process.env['CI'] ? 1 : 0,
  forbidOnly: !!process.env['CI'],
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
  webServer: {
    command: 'node dist/apps/api/main.js',
    cwd: workspaceRoot,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: port,
      VENULE_DATA_DIR: process.env['E2E_DATA_DIR'],
      NODE_ENV: 'production',
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 860 } }, testIgnore: /mobile/ },
    { name: 'phone', use: { ...devices['Pixel 7'], browserName: 'chromium' }, testMatch: /mobile/ },
  ],
});
