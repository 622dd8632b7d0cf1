/**
 * `npm run bench:first-load`: what the dashboard costs a browser, measured in Debian's Chromium.
 *
 * - cold: an empty cache opens `/` and lands on the sign-in page; every byte received until the
 *   network is idle (the icon font included), and the time from navigation to a usable form
 *   (Angular rendered it and focused the email field);
 * - warm: a new tab of the same browser opens it again (what a repeat visit costs);
 * - each lazy route: signed in, a cold load of the route, and the bytes of the files it needs
 *   beyond the sign-in page's (its lazy chunks, the shell's included).
 *
 * Bytes are what came over the wire (Chromium's encoded length: headers and compressed bodies),
 * from the DevTools protocol. The API runs from the build (`npm run build` first): `node
 * dist/apps/api/main.js` on a free port and a fresh embedded database with the demo clinic, or
 * the server at FIRST_LOAD_URL if set. Writes dist/bench/first-load.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
const PASSWORD = 'demo-venule';
const CHROMIUM = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
};

interface Transfer {
  url: string;
  status: number;
  /** Bytes received over the network: 0 when served from the browser's cache. */
  bytes: number;
  encoding: string;
}

type Role = 'reception' | 'manager' | 'admin';

/** The lazy routes, each with a role that may open it. */
const ROUTES: { path: string; role: Role }[] = [
  { path: '/diary', role: 'reception' },
  { path: '/enquiries', role: 'reception' },
  { path: '/patients', role: 'reception' },
  { path: '/patients/new', role: 'reception' },
  { path: '/patients/:id', role: 'reception' },
  { path: '/reports', role: 'manager' },
  { path: '/reports/progress', role: 'manager' },
  { path: '/reports/overdue', role: 'manager' },
  { path: '/audit', role: 'manager' },
  { path: '/staff', role: 'admin' },
  { path: '/settings', role: 'admin' },
  { path: '/account/password', role: 'reception' },
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startApi(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env['FIRST_LOAD_URL'];
  if (given) return { url: given.replace(/\/$/, ''), stop: async () => undefined };
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'venule-first-load-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), VENULE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}: run npm run build first`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the API did not answer /api/health within 2 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every response the page receives while `run` goes on, with its size on the wire. */
async function recording(page: Page, run: () => Promise<void>): Promise<Transfer[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map<string, Transfer>();
  cdp.on('Network.responseReceived', (e) =>
    byId.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      bytes: 0,
      encoding: String(e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? ''),
    }),
  );
  cdp.on('Network.loadingFinished', (e) => {
    const transfer = byId.get(e.requestId);
    if (transfer) transfer.bytes = e.encodedDataLength;
  });
  await run();
  await cdp.detach();
  return [...byId.values()].filter((t) => t.url.startsWith('http'));
}

/**
 * Opens `/`: the time from navigation start until the sign-in form is usable, and until its icons
 * are drawn (the icon font has arrived); then waits for the network to be idle.
 */
async function openSignIn(page: Page, url: string): Promise<{ interactiveMs: number; iconsMs: number }> {
  await page.goto(`${url}/`);
  const interactive = await page.waitForFunction(
    () => {
      const email = document.querySelector<HTMLInputElement>('input[autocomplete="username"]');
      const submit = document.querySelector<HTMLButtonElement>('form button[type="submit"]');
      return email !== null && document.activeElement === email && submit !== null && !submit.disabled && performance.now();
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const icons = await page.waitForFunction(
    () => document.fonts.check('24px "Material Symbols Outlined"', 'vital_signs') && performance.now(),
    undefined,
    {
      polling: 'raf',
      timeout: 30_000,
    },
  );
  const times = { interactiveMs: Number(await interactive.jsonValue()), iconsMs: Number(await icons.jsonValue()) };
  await page.waitForLoadState('networkidle');
  return times;
}

const isApi = (t: Transfer) => new URL(t.url).pathname.startsWith('/api/');
const sum = (ts: Transfer[]) => ts.reduce((total, t) => total + t.bytes, 0);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const fileOf = (t: Transfer) => new URL(t.url).pathname;

async function signedIn(browser: Browser, url: string, role: Role): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openSignIn(page, url);
  await page.getByLabel('Email').fill(`${role}@demo.venule`);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByRole('button', { name: /^Account:/ }).waitFor({ timeout: 20_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

async function main(): Promise<void> {
  const api = await startApi();
  // A server that has answered before, as in a clinic: the browser's first load is what is timed, not the API's first request.
  for (const path of ['/', '/api/auth/me']) await fetch(`${api.url}${path}`).then((r) => r.arrayBuffer());
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext();
    let coldMs = { interactiveMs: 0, iconsMs: 0 };
    const coldPage = await context.newPage();
    const cold = await recording(coldPage, async () => {
      coldMs = await openSignIn(coldPage, api.url);
    });
    let warmMs = { interactiveMs: 0, iconsMs: 0 };
    const warmPage = await context.newPage();
    const warm = await recording(warmPage, async () => {
      warmMs = await openSignIn(warmPage, api.url);
    });
    await context.close();
    const signInFiles = new Set(cold.filter((t) => !isApi(t)).map(fileOf));

    const states = new Map<Role, Awaited<ReturnType<typeof signedIn>>>();
    for (const role of new Set(ROUTES.map((r) => r.role))) states.set(role, await signedIn(browser, api.url, role));
    const routes: { path: string; role: Role; lazyBytes: number; files: number; totalBytes: number }[] = [];
    for (const route of ROUTES) {
      const routeContext = await browser.newContext({ storageState: states.get(route.role) });
      let path = route.path;
      if (path.includes(':id')) {
        const found = await routeContext.request.get(`${api.url}/api/patients?q=a&limit=1`);
        const { items } = (await found.json()) as { items: { id: string }[] };
        path = path.replace(':id', items[0].id);
      }
      const page = await routeContext.newPage();
      const transfers = await recording(page, async () => {
        await page.goto(`${api.url}${path}`);
        await page.waitForLoadState('networkidle');
      });
      const lazy = transfers.filter((t) => !isApi(t) && !signInFiles.has(fileOf(t)));
      routes.push({
        path: route.path,
        role: route.role,
        lazyBytes: sum(lazy),
        files: lazy.length,
        totalBytes: sum(transfers.filter((t) => !isApi(t))),
      });
      await routeContext.close();
    }

    const report = {
      url: api.url,
      cold: {
        bytes: sum(cold),
        staticBytes: sum(cold.filter((t) => !isApi(t))),
        interactiveMs: Math.round(coldMs.interactiveMs),
        iconsMs: Math.round(coldMs.iconsMs),
        files: cold.map((t) => ({ path: fileOf(t), status: t.status, bytes: t.bytes, encoding: t.encoding })),
      },
      warm: {
        bytes: sum(warm),
        staticBytes: sum(warm.filter((t) => !isApi(t))),
        interactiveMs: Math.round(warmMs.interactiveMs),
        iconsMs: Math.round(warmMs.iconsMs),
        fromNetwork: warm.filter((t) => t.bytes > 0).map((t) => ({ path: fileOf(t), status: t.status, bytes: t.bytes })),
      },
      routes,
    };
    mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
    writeFileSync(join(ROOT, 'dist/bench/first-load.json'), JSON.stringify(report, null, 2));

    console.log(`First load of ${api.url}/ (sign-in page) in Chromium`);
    console.log(
      `  cold: ${kB(report.cold.bytes)} transferred (${kB(report.cold.staticBytes)} of files, the rest API), interactive sign-in form at ${report.cold.interactiveMs} ms, icons drawn at ${report.cold.iconsMs} ms`,
    );
    for (const f of report.cold.files)
      console.log(`        ${String(f.status).padEnd(4)}${kB(f.bytes).padStart(10)}  ${(f.encoding || '-').padEnd(5)} ${f.path}`);
    console.log(
      `  warm: ${kB(report.warm.bytes)} transferred (${kB(report.warm.staticBytes)} of files), interactive at ${report.warm.interactiveMs} ms, icons at ${report.warm.iconsMs} ms; from the network:`,
    );
    for (const f of report.warm.fromNetwork) console.log(`        ${String(f.status).padEnd(4)}${kB(f.bytes).padStart(10)}  ${f.path}`);
    console.log('  lazy routes (signed in, cold cache): files beyond the sign-in page');
    for (const r of routes)
      console.log(
        `    ${r.path.padEnd(20)} ${r.role.padEnd(10)} ${kB(r.lazyBytes).padStart(10)} in ${r.files} files (all files ${kB(r.totalBytes)})`,
      );
    console.log('  written to dist/bench/first-load.json');
  } finally {
    await browser.close();
    await api.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
