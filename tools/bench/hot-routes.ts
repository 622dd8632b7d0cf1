/**
 * `npm run bench` (third part): the product's hot routes under autocannon, each beside a
 * yardstick on the same run: a bare Fastify + `pg` server (same pool size) replaying exactly the
 * SQL statements the route ran, as the product's own capture (VENULE_SQL_CAPTURE) recorded them,
 * and a bare Fastify JSON route.
 *
 * Per route: req/s (accepted), p50/p99 at 50 connections for BENCH_SECONDS (8; on the server in
 * BENCH_SLICES (4) turns alternating with the yardstick's), p99 at a fixed offered rate
 * of 200 req/s for BENCH_RATE_SECONDS (4), statements per request and the ratio of req/s to the
 * yardstick's; and the yardstick's own p99 at 200 req/s, which says whether the route's SQL alone
 * meets a latency goal on this machine. Writes tools/bench/results/hot-routes-<db>.json and prints a markdown table.
 *
 * Databases (both unless BENCH_ONLY=server|embedded):
 * - server: BENCH_DATABASE_URL names a database filled by `npm run seed:bench` (used as is, but
 *   for its first bench clinician's password and the write fixture, reset each run); without it
 *   the server part is skipped.
 * - embedded: the built product on a fresh data directory (the demo clinic), PGlite.
 * Needs the built API (`npx nx build api`).
 *
 * Write routes: booking and completing run on a fixture prepared before the load (hot-fixture.ts):
 * each request books the next session of another ready course, or completes another booked
 * session, so every one is a request the API accepts until the prepared list runs out (sized for
 * BENCH_WRITE_CEILING req/s: 1,000 on the server, 250 embedded); only accepted (2xx) requests count
 * as throughput, refusals (a list run out) are reported. Their SQL is captured from an accepted
 * request; the yardstick replays it, committing as the product does, each replay on another item
 * kept apart for it (as many as the product's; the captured request's patient, course and session
 * ids swapped for that item's, and the booked session's id, which the API chooses, for a fresh
 * one), so replays wait on no common row lock. Every fixture item starts at the same versions, so
 * the versions the write checks (captured with it) hold for each item once. A yardstick whose
 * replays fail, or write nothing, gives no ratio: failing early is not the same work.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool, type ClientBase } from 'pg';
import { COMPLETION, fixtureTally, prepareWriteFixture, type FixtureItem, type FixtureSize, type WriteFixture } from './hot-fixture';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const RATE_SECONDS = Number(process.env['BENCH_RATE_SECONDS'] ?? 4);
/** Turns the product's and the yardstick's loads of a route take on the server (see `alternating`). */
const SLICES = Number(process.env['BENCH_SLICES'] ?? 4);
const PORT = Number(process.env['BENCH_PORT'] ?? 3160);
const YARD_PORT = PORT + 1;
const QUERY = process.env['BENCH_QUERY'] ?? 'evans';
const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const PASSWORD = 'bench-hot-routes-1';
/** The double-submit CSRF pair (cookie and header) every request carries. */
const XSRF = 'bench-hot-routes-xsrf';
const XSRF_HEADERS = { 'x-xsrf-token': XSRF };
const TIME_ZONE = process.env['CLINIC_TIMEZONE'] ?? 'Europe/London';

interface Statement {
  sql: string;
  params: unknown[];
  /** Set when the product ran it as a named prepared statement. */
  name?: string;
}
interface Route {
  name: string;
  method: 'GET' | 'POST';
  /** Request i's path and body (varied for the writes). */
  request: (i: number) => { path: string; body?: unknown };
  write?: {
    /** Prepared items; request i uses item i, and once they are used up they are refused. */
    prepared: number;
    /** Requests built so far, across the capture, the warm-up and both loads. */
    sent: number;
    /** The captured request's ids, swapped by the yardstick for those of its own items. */
    ids: string[];
    yard: string[][];
    /** The request creates a row (a booked session) whose id later statements name. */
    creates: boolean;
  };
  statements?: Statement[];
  /** The id of the row the captured request created (the booked session). */
  created?: string;
}
/** What the yardstick replays for a route. */
interface Replay {
  statements: Statement[];
  swap?: { ids: string[]; yard: string[][] };
  created?: string;
}
interface Figures {
  reqPerSec: number;
  p50: number;
  p99: number;
  ok: number;
  refused: number;
  errors: number;
}
interface Row {
  route: string;
  statements: number | null;
  /** Writes: prepared items, requests sent (more than prepared were refused) and accepted over the whole run (capture, warm-up, both loads). */
  prepared?: number;
  sent?: number;
  accepted?: number;
  product: Figures;
  rate200p99: number;
  yardstick: Figures | null;
  /** The yardstick's p99 at the same offered rate: what the route's SQL alone allows on this machine. */
  yardstickRate200p99: number | null;
  ratio: number | null;
}

// --- the yardstick server (a child process of its own, so the load generator does not share its event loop) ---

async function yardstickServer(specFile: string): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as {
    pool: { connectionString?: string; host?: string; max: number };
    dataDir?: string;
    pk: Statement;
    routes: Replay[];
  };
  let stop = async () => undefined as unknown;
  let poolConfig: ConstructorParameters<typeof Pool>[0] = { connectionString: spec.pool.connectionString, max: spec.pool.max };
  if (spec.dataDir) {
    const { EmbeddedPostgres } = await import('../../apps/api/src/platform/database/embedded-postgres');
    const embedded = await EmbeddedPostgres.start(spec.dataDir);
    poolConfig = { host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 };
    stop = () => embedded.stop();
  }
  const pool = new Pool({ ...poolConfig, idleTimeoutMillis: 0 });
  pool.on('connect', (client) => void client.query('SET ROLE venule_app'));
  const app = Fastify({ logger: false });
  app.get('/json', async () => ({ ok: true }));
  const turns = spec.routes.map(() => 0);
  const replay = async (statements: Statement[], pairs: [string, string][] = [], created?: string) => {
    if (created) pairs = [...pairs, [created, randomUUID()]];
    const client = await pool.connect();
    try {
      let rows: unknown[] = [];
      for (const s of statements) {
        const values = swapIds(s.params, pairs) as unknown[];
        // Prepared as the product prepared it (by name), so the yardstick plans no more often than the product.
        rows = (await (s.name ? client.query({ name: s.name, text: s.sql, values }) : client.query(s.sql, values))).rows;
      }
      return rows;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  app.get('/pk', async () => replay([spec.pk]));
  app.get<{ Params: { i: string } }>('/route/:i', async (req) => {
    const i = Number(req.params.i);
    const { statements, swap, created } = spec.routes[i];
    const item = swap ? swap.yard[turns[i]++ % swap.yard.length] : [];
    const rows = await replay(statements, swap ? swap.ids.map((id, k) => [id, item[k]]) : [], created);
    // A write answers its row; none means its checks found the item used (the yard ran out).
    if (swap && rows.length === 0) throw new Error('the write wrote nothing');
    return { rows };
  });
  await app.listen({ port: YARD_PORT, host: '127.0.0.1' });
  process.send?.('ready');
  process.on(
    'SIGTERM',
    () =>
      void app.close().then(() =>
        pool
          .end()
          .then(stop)
          .then(() => process.exit(0)),
      ),
  );
}

/** `value` with every occurrence of each pair's first id replaced by its second (in strings, arrays and objects). */
function swapIds(value: unknown, pairs: [string, string][]): unknown {
  if (pairs.length === 0) return value;
  if (typeof value === 'string') return pairs.reduce((v, [from, to]) => v.split(from).join(to), value);
  if (Array.isArray(value)) return value.map((v) => swapIds(v, pairs));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapIds(v, pairs)]));
  return value;
}

// --- load ---

/**
 * One run at 50 connections, its latency histogram kept whole so that runs can be merged (`figuresOf`).
 * A read sends the same request each time, as its yardstick's load does: autocannon builds it once.
 * Only a write builds each request afresh (another item each time), which costs the load generator,
 * on the same two cores, a share of its own.
 */
async function loadPart(url: string, route: Route | null, cookie: string, seconds: number): Promise<autocannon.Result> {
  const write = route?.write;
  return autocannon({
    url: route && !write ? url + route.request(0).path : url,
    ...(route ? { method: route.method } : {}),
    connections: 50,
    duration: seconds,
    skipAggregateResult: true,
    headers: { cookie, 'content-type': 'application/json', ...XSRF_HEADERS },
    requests:
      route && write
        ? [
            {
              setupRequest: (req: autocannon.Request) => {
                const { path, body } = route.request(write.sent++);
                return { ...req, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
              },
            },
          ]
        : undefined,
  });
}

// Merges runs' histograms; autocannon's own (its workers use it), left out of its typings.
const { aggregateResult } = autocannon as unknown as { aggregateResult: (parts: autocannon.Result[], opts: object) => autocannon.Result };

/** The figures of one or more runs of a load: accepted (2xx) requests per second over their whole time, latencies over every request. */
function figuresOf(url: string, parts: autocannon.Result[]): Figures {
  const merged = aggregateResult(parts, { url, connections: 50 });
  const seconds = parts.reduce((sum, part) => sum + part.duration, 0);
  const ok = merged['2xx'];
  return {
    reqPerSec: Math.round(ok / seconds),
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    ok,
    refused: merged.non2xx,
    errors: merged.errors + merged.timeouts,
  };
}

async function load(url: string, route: Route | null, cookie: string, opts: { seconds: number }): Promise<Figures> {
  return figuresOf(url, [await loadPart(url, route, cookie, opts.seconds)]);
}

/**
 * The product's load and its yardstick's in turns of SECONDS / SLICES each, so that both sample
 * the same moments of a machine whose speed drifts from one second to the next (2 shared cores).
 */
async function alternating(
  product: { url: string; route: Route; cookie: string },
  yardUrl: string,
): Promise<{ product: Figures; yardstick: Figures }> {
  const parts: { product: autocannon.Result[]; yardstick: autocannon.Result[] } = { product: [], yardstick: [] };
  for (let slice = 0; slice < SLICES; slice++) {
    parts.product.push(await loadPart(product.url, product.route, product.cookie, SECONDS / SLICES));
    parts.yardstick.push(await loadPart(yardUrl, null, '', SECONDS / SLICES));
  }
  return { product: figuresOf(product.url, parts.product), yardstick: figuresOf(yardUrl, parts.yardstick) };
}

/**
 * p99 at a fixed offered rate, open loop: one request every 1000/rate ms on a fixed schedule,
 * whatever the answers do, each timed from when it was due (so a stall counts against every request
 * it delays). autocannon's rate limit fires each second's share in a burst at the start of the
 * second and then pads its histogram for coordinated omission at a 1 ms interval, which reports
 * the burst's queue, not the route.
 */
async function paced(url: string, route: Route, cookie: string, rate: number, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = rate * seconds;
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { path, body } = route.request(route.write ? route.write.sent++ : n);
    inFlight.push(
      fetch(url + path, {
        method: route.method,
        headers: { cookie, 'content-type': 'application/json', ...XSRF_HEADERS },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - due);
          if (res.ok) ok++;
          else refused++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { reqPerSec: rate, p50: at(0.5), p99: at(0.99), ok, refused, errors };
}

// --- the product ---

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let t = 0; t < 600; t++) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) before answering ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

async function startProduct(env: Record<string, string>): Promise<{ child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(PORT), SEND_MESSAGES: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${PORT}/api/health`, child);
  return {
    child,
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

async function api(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { cookie, ...XSRF_HEADERS, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `XSRF-TOKEN=${XSRF}`, ...XSRF_HEADERS },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => !c.startsWith('XSRF-TOKEN='));
  return `${(session ?? '').split(';')[0]}; XSRF-TOKEN=${XSRF}`;
}

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The hot reads on this clinic, with the ids they need found through the API itself. */
async function readRoutesOf(cookie: string): Promise<Route[]> {
  let found = await api(cookie, 'GET', `/api/patients?q=${QUERY}&limit=50`);
  if (found.json.items.length < 50) found = await api(cookie, 'GET', `/api/patients?limit=50`);
  const patients: string[] = found.json.items.map((p: { id: string }) => p.id);
  let withCourses = patients[0];
  for (const id of patients) {
    if ((await api(cookie, 'GET', `/api/patients/${id}/courses?limit=1`)).json.items.length) {
      withCourses = id;
      break;
    }
  }
  return [
    { name: 'sign-in check GET /api/auth/me', method: 'GET', request: () => ({ path: '/api/auth/me' }) },
    { name: 'clearance, one patient', method: 'GET', request: () => ({ path: `/api/patients/${patients[0]}/clearance` }) },
    {
      name: `clearance, a page of ${patients.length}`,
      method: 'GET',
      request: () => ({ path: `/api/clearance?patientIds=${patients.join(',')}` }),
    },
    { name: `patient search ?q=${QUERY}`, method: 'GET', request: () => ({ path: `/api/patients?q=${QUERY}` }) },
    { name: 'patient page GET /api/patients/:id', method: 'GET', request: () => ({ path: `/api/patients/${patients[0]}` }) },
    { name: "a patient's courses", method: 'GET', request: () => ({ path: `/api/patients/${withCourses}/courses` }) },
    { name: 'the diary for a day', method: 'GET', request: () => ({ path: `/api/diary?from=${isoDay(0)}&to=${isoDay(0)}` }) },
  ];
}

/** Booking and completing on the prepared fixture: request i takes item i (a used item is refused). */
function writeRoutesOf(fixture: WriteFixture): Route[] {
  const { booking, completing, bookingDays } = fixture;
  const write = (items: FixtureItem[], yard: FixtureItem[], ids: (item: FixtureItem) => string[], creates = false) => ({
    prepared: items.length,
    creates,
    sent: 0,
    ids: ids(items[0]),
    yard: yard.map(ids),
  });
  // Spread over the window's weekdays, 09:00 to 16:45 in quarter hours (no clinician: no clash).
  const slot = (i: number) => {
    const minutes = 9 * 60 + 15 * (Math.floor(i / bookingDays.length) % 32);
    return `${bookingDays[i % bookingDays.length]}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00Z`;
  };
  return [
    {
      name: 'booking a session',
      method: 'POST',
      write: write(booking, fixture.yard.booking, (c) => [c.courseId, c.patientId], true),
      request: (i) => ({ path: `/api/courses/${booking[i % booking.length].courseId}/sessions`, body: { scheduledFor: slot(i) } }),
    },
    {
      name: 'completing a session',
      method: 'POST',
      write: write(completing, fixture.yard.completing, (s) => [s.sessionId as string, s.courseId, s.patientId]),
      request: (i) => ({ path: `/api/sessions/${completing[i % completing.length].sessionId}/complete`, body: COMPLETION }),
    },
  ];
}

/**
 * Prepared items for a route: enough for BENCH_WRITE_CEILING req/s through the warm-up and the load
 * at 50 connections, and for every request of the paced load (200 req/s are offered whatever the
 * route serves), and a margin; as many for its yardstick, which runs the same loads.
 */
function fixtureSize(ceiling: number): FixtureSize {
  const items = Math.ceil(ceiling * (1 + SECONDS) + 200 * RATE_SECONDS) + 100;
  return { booking: items, completing: items, yard: items };
}

function readCapture(file: string): Statement[] {
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Statement);
}

/**
 * Runs each route once and keeps the statements the product ran for it. A write must be
 * accepted: its fixture item is one the API's rules allow, and a refusal means it is not.
 */
async function capture(routes: Route[], cookie: string, file: string): Promise<void> {
  for (const route of routes) {
    writeFileSync(file, '');
    const { path, body } = route.request(route.write ? route.write.sent++ : 0);
    const res = await api(cookie, route.method, path, body);
    await new Promise((r) => setTimeout(r, 50));
    if (res.status >= 300) {
      if (route.write) throw new Error(`${route.name}: the prepared request was refused (${res.status}): ${JSON.stringify(res.json)}`);
      continue;
    }
    route.statements = readCapture(file);
    if (route.write?.creates) route.created = res.json?.id;
  }
}

/** Runs `work` on a connection as the schema's owner, while the product is stopped (the embedded database has one opener). */
type AsOwner = <T>(work: (owner: ClientBase) => Promise<T>) => Promise<T>;

/** The yardstick server, started as a child process (so the load generator does not share its event loop). */
async function startYardstick(yard: object, routes: Route[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const specFile = join(tmpdir(), `venule-yardstick-${process.pid}.json`);
  const replayOf = (r: Route): Replay => ({
    statements: r.statements ?? [],
    ...(r.write ? { swap: { ids: r.write.ids, yard: r.write.yard }, created: r.created } : {}),
  });
  writeFileSync(specFile, JSON.stringify({ ...yard, routes: routes.map(replayOf) }));
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, '--yardstick', specFile], {
    env: { ...process.env, SWC_NODE_PROJECT: 'tools/bench/tsconfig.json' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: ROOT,
  });
  await new Promise<void>((ok, fail) => {
    child.once('message', () => ok());
    child.once('exit', (code) => fail(new Error(`the yardstick exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${YARD_PORT}`,
    stop: () =>
      new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }).then(() => rmSync(specFile, { force: true })),
  };
}

/**
 * One database: the product started with the SQL capture finds the ids of the reads and captures
 * them; then the write fixture is prepared as the owner, the product started with the capture
 * again captures one accepted booking and completion, and started without it carries the load.
 *
 * On the server (`beside`), the yardstick runs beside the product, and each route's load at 50
 * connections alternates with its yardstick's in short turns (`alternating`), so that a machine
 * whose speed drifts during the run (shared cores) moves both sides of a ratio alike. The embedded
 * data directory has one opener, so there the two take turns: the product's reads, the yardstick's,
 * then the product's writes and the yardstick's. The writes accepted are counted on the product's
 * own fixture items, once both have stopped.
 */
async function measure(
  label: string,
  product: { env: Record<string, string> },
  email: string,
  password: string,
  yard: object,
  asOwner: AsOwner,
  fixtureSize: FixtureSize,
  beside: boolean,
) {
  const captureFile = join(mkdtempSync(join(tmpdir(), 'venule-capture-')), 'sql.jsonl');
  writeFileSync(captureFile, '');
  let running = await startProduct({ ...product.env, VENULE_SQL_CAPTURE: captureFile });
  let routes: Route[];
  let cookie: string;
  try {
    cookie = await signIn(email, password);
    routes = await readRoutesOf(cookie);
    await capture(routes, cookie, captureFile);
  } finally {
    await running.stop();
  }
  const fixture = await asOwner((c) => prepareWriteFixture(c, fixtureSize, email, TIME_ZONE));
  const writes = writeRoutesOf(fixture);
  routes.push(...writes);
  running = await startProduct({ ...product.env, VENULE_SQL_CAPTURE: captureFile });
  try {
    // Signed in again: preparing the fixture takes over a minute, after which the first request of
    // a session writes its last-seen time, and that once-a-minute write would be captured as the route's.
    cookie = await signIn(email, password);
    await capture(writes, cookie, captureFile);
  } finally {
    await running.stop();
  }
  const [booking, completing] = writes;

  const yardstickFigures = new Map<Route, { load: Figures; rate: Figures }>();
  const yardRate = (yardUrl: string, i: number) =>
    paced(yardUrl, { name: `yardstick ${i}`, method: 'GET', request: () => ({ path: `/route/${i}` }) }, '', 200, RATE_SECONDS);
  // The bare yardsticks: a JSON route, and one row read by primary key.
  const bareLoads = async (yardUrl: string) => ({
    bareJson: await load(`${yardUrl}/json`, null, '', { seconds: SECONDS }),
    pk: await load(`${yardUrl}/pk`, null, '', { seconds: SECONDS }),
  });
  const yardstick = beside ? await startYardstick(yard, routes) : null;
  let bare: { bareJson: Figures; pk: Figures } | undefined;
  let tally: { booked: number; completed: number };
  const productFigures: { route: Route; load: Figures; rate: Figures }[] = [];
  // Side by side (the server), one phase. Taking turns (embedded), the reads and then the writes, so
  // that both sides of a read find the data in the same state: the sessions the writes add change
  // the planner's estimates, and with them the plans it keeps.
  const phases = beside ? [routes] : [routes.filter((r) => !r.write), routes.filter((r) => r.write)];
  try {
    if (yardstick) bare = await bareLoads(yardstick.url);
    for (const phase of phases) {
      running = await startProduct(product.env);
      try {
        for (const route of phase) {
          const i = routes.indexOf(route);
          const url = `http://127.0.0.1:${PORT}`;
          await load(url, route, cookie, { seconds: 1 }); // warm up
          let at50: Figures;
          if (yardstick && route.statements) {
            const yardUrl = `${yardstick.url}/route/${i}`;
            await load(yardUrl, null, '', { seconds: 1 }); // warm up
            const both = await alternating({ url, route, cookie }, yardUrl);
            at50 = both.product;
            yardstickFigures.set(route, { load: both.yardstick, rate: await yardRate(yardstick.url, i) });
          } else at50 = await load(url, route, cookie, { seconds: SECONDS });
          const rate = await paced(url, route, cookie, 200, RATE_SECONDS);
          productFigures.push({ route, load: at50, rate });
          process.stdout.write(`  ${label}: ${route.name}: ${at50.reqPerSec} req/s\n`);
          if (route.write && route.write.sent > route.write.prepared)
            process.stdout.write(
              `  ${label}: ${route.name}: ${route.write.sent} requests for ${route.write.prepared} prepared items: the rest were refused (raise BENCH_WRITE_CEILING)\n`,
            );
        }
      } finally {
        await running.stop();
      }
      if (yardstick) continue;
      const turn = await startYardstick(yard, routes);
      try {
        bare ??= await bareLoads(turn.url);
        for (const route of phase) {
          const i = routes.indexOf(route);
          if (route.statements)
            yardstickFigures.set(route, {
              load: await load(`${turn.url}/route/${i}`, null, '', { seconds: SECONDS }),
              rate: await yardRate(turn.url, i),
            });
        }
      } finally {
        await turn.stop();
      }
    }
    // What the product's own fixture items hold (the yardstick writes to items kept apart).
    tally = await asOwner((c) => fixtureTally(c, [...fixture.booking, ...fixture.completing]));
  } finally {
    await yardstick?.stop();
  }
  const accepted = new Map<Route, number>([
    [booking, tally.booked],
    [completing, tally.completed],
  ]);
  const rows: Row[] = productFigures.map(({ route, load: at50, rate }) => {
    const measured = yardstickFigures.get(route);
    const y = measured?.load ?? null;
    return {
      route: route.name,
      statements: route.statements?.length ?? null,
      ...(route.write ? { prepared: route.write.prepared, sent: route.write.sent, accepted: accepted.get(route) } : {}),
      product: at50,
      rate200p99: rate.p99,
      yardstick: y,
      yardstickRate200p99: measured && measured.rate.refused + measured.rate.errors === 0 ? measured.rate.p99 : null,
      ratio: y && y.reqPerSec && y.refused + y.errors === 0 ? Number((at50.reqPerSec / y.reqPerSec).toFixed(2)) : null,
    };
  });
  return {
    rows,
    ...(bare as { bareJson: Figures; pk: Figures }),
    statements: Object.fromEntries(routes.map((r) => [r.name, r.statements ?? null])),
  };
}

function table(label: string, result: Awaited<ReturnType<typeof measure>>): string {
  const lines = [
    `\n### Hot routes on ${label} (${SECONDS} s at 50 connections, ${RATE_SECONDS} s at 200 req/s)\n`,
    '| route | SQL statements | req/s | p50 ms | p99 ms | p99 ms at 200 req/s | refused | same-SQL yardstick req/s | ratio | yardstick p99 ms at 200 req/s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| bare Fastify JSON | 0 | | | | | | ${result.bareJson.reqPerSec} | | |`,
    `| bare Fastify + pg, one row by primary key | 1 | | | | | | ${result.pk.reqPerSec} | | |`,
  ];
  for (const r of result.rows) {
    lines.push(
      `| ${r.route}${r.prepared === undefined ? '' : ` (${r.sent} requests, ${r.accepted} accepted in all, ${r.prepared} prepared)`} | ${r.statements ?? 'none accepted'} | ${r.product.reqPerSec} | ${r.product.p50} | ${r.product.p99} | ${r.rate200p99} | ${r.product.refused + r.product.errors} | ${r.yardstick?.reqPerSec ?? ''}${r.yardstick && r.yardstick.refused + r.yardstick.errors ? ` (${r.yardstick.refused + r.yardstick.errors} replays failed)` : ''} | ${r.ratio ?? ''} | ${r.yardstickRate200p99 ?? ''} |`,
    );
  }
  return lines.join('\n') + '\n';
}

async function benchServer(url: string) {
  const owner = new Client({ connectionString: url });
  await owner.connect();
  const { hashPassword } = await import('../../apps/api/src/auth/passwords');
  const [{ n }] = (await owner.query(`SELECT count(*)::int AS n FROM patients`)).rows;
  if (n === 0) throw new Error(`${url} holds no patients: fill it with DATABASE_URL=${url} npm run seed:bench`);
  const email = 'bench.clinician1@bench.venule';
  await owner.query(`UPDATE users SET password_hash = $1, must_change_password = false WHERE email = $2`, [
    await hashPassword(PASSWORD),
    email,
  ]);
  const [pkRow] = (await owner.query(`SELECT id FROM patients LIMIT 1`)).rows;
  await owner.end();
  const asOwner: AsOwner = (work) => withClient({ connectionString: url }, work);
  return measure(
    'PostgreSQL server',
    { env: { DATABASE_URL: url } },
    email,
    PASSWORD,
    { pool: { connectionString: url, max: 10 }, pk: { sql: 'SELECT * FROM patients WHERE id = $1', params: [pkRow.id] } },
    asOwner,
    fixtureSize(writeCeiling(1000)),
    true,
  );
}

/** Expected write rate ceiling (req/s) the fixture is sized for. */
const writeCeiling = (fallback: number) => Number(process.env['BENCH_WRITE_CEILING'] ?? fallback);

async function withClient<T>(config: ConstructorParameters<typeof Client>[0], work: (c: ClientBase) => Promise<T>): Promise<T> {
  const client = new Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function benchEmbedded() {
  const dataDir = mkdtempSync(join(tmpdir(), 'venule-bench-embedded-'));
  try {
    const patient = { sql: 'SELECT * FROM patients ORDER BY id LIMIT 1', params: [] };
    const email = 'clinician@demo.venule';
    // On the data directory the product has just let go of.
    const asOwner: AsOwner = async (work) => {
      const { EmbeddedPostgres } = await import('../../apps/api/src/platform/database/embedded-postgres');
      const embedded = await EmbeddedPostgres.start(dataDir);
      try {
        return await withClient({ host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' }, work);
      } finally {
        await embedded.stop();
      }
    };
    return await measure(
      'embedded',
      { env: { VENULE_DATA_DIR: dataDir, DATABASE_URL: '' } },
      email,
      'demo-venule',
      { pool: { max: 1 }, dataDir, pk: patient },
      asOwner,
      fixtureSize(writeCeiling(250)),
      false,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY'];
  const out = join(ROOT, 'tools/bench/results');
  mkdirSync(out, { recursive: true });
  const serverUrl = process.env['BENCH_DATABASE_URL'];
  const runs: [string, string, () => ReturnType<typeof measure>][] = [];
  if (only !== 'embedded') {
    if (serverUrl) runs.push(['server', `PostgreSQL server (${new URL(serverUrl).pathname.slice(1)})`, () => benchServer(serverUrl)]);
    else process.stdout.write('hot routes: BENCH_DATABASE_URL unset, so the PostgreSQL server is skipped\n');
  }
  if (only !== 'server') runs.push(['embedded', 'embedded PGlite (demo clinic)', benchEmbedded]);
  let report = '';
  for (const [db, label, run] of runs) {
    const result = await run();
    writeFileSync(
      join(out, `hot-routes-${db}.json`),
      JSON.stringify({ label, seconds: SECONDS, rateSeconds: RATE_SECONDS, ...result }, null, 2),
    );
    report += table(label, result);
  }
  process.stdout.write(report);
}

if (process.argv[2] === '--yardstick') void yardstickServer(process.argv[3]);
else
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exit(1);
  });
