import { ROLES, type Role } from '@venule/api-contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { CROSS_SITE_FORMS } from '../src/create-app';
import { Clinic, clinicToday, instantIn, plusDays } from './courses.fixtures';
import { dtoFields, routeTable, type DtoField, type RouteEntry } from './support/route-table';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/**
 * Hostile input on every route the application serves (read from its route table, so a new route
 * is covered without touching this file), as every role and signed out. Whatever arrives, the
 * answer is never 5xx; what must be refused is a problem+json 4xx and leaves the data unchanged.
 */

type Caller = Role | 'signed out';
const CALLERS: Caller[] = [...ROLES, 'signed out'];
const NO_ID = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Refused wherever they appear: C0 controls (tab, line feed and carriage return aside), DEL, C1. */
const CONTROL = ['\u0000', 'left\u0000', 'a\u0001b', '\u0008', '\u001b[31mred', '\u007f', 'x\u0085'];
/** Harmless when stored as text: accepted verbatim or refused, never 5xx. */
const INJECTION = [
  "' OR '1'='1",
  "Robert'); DROP TABLE patients;--",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '\ud800',
  'x'.repeat(100_000),
];
const BAD_NUMBERS: unknown[] = [1e21, -1e21, 1e308, 2 ** 31, 2 ** 63, -1, 'abc', [], {}, true];
const BAD_DATES: unknown[] = ['2026-02-30', '99999-01-01', '2026-13-01', '0000-00-00', '2026-02-30T10:00:00Z', 20260101, 'yesterday'];
const BAD_INSTANTS: unknown[] = [
  '2026-02-30T10:00:00Z',
  '99999-01-01T10:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:00:00',
  1e21,
  'now',
];
const WRONG_TYPES: Partial<Record<DtoField['kind'], unknown[]>> = {
  text: [123, [], {}, true],
  boolean: ['yes', 2, []],
  choice: ['nonsense', 1, ['left'], {}],
  list: ['left', [{}], [[]], { 0: 'left' }],
  object: ['x', [], 1],
};
const QUERY_NUMBERS = ['1e21', '-1', '1e308', '-0.5', 'NaN', 'Infinity', '99999999999999999999', '1,2'];
const QUERY_DATES = ['2026-02-30', '99999-01-01', '2026-13-01', '20260101'];
const BAD_IDS = ['..', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2f', '%00', 'a%00b', "1'%20OR%20'1'%3D'1", 'x'.repeat(2000), '%E0%A4%A'];

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

interface Attempt {
  what: string;
  caller: Caller;
  route: string;
  /** Must be refused with a 4xx (else: anything but a 5xx). */
  refused: boolean;
  /** Aimed at one body field: sent only to callers the route lets through (the others get 401/403 before the body is read). */
  field: boolean;
  send: (client: StaffClient) => Promise<Response>;
}

/** A plausible value for a field from its name and rules: enough for most bodies to pass validation. */
function sample(field: DtoField, ids: Record<string, string>): unknown {
  const name = field.path.split('.').pop() as string;
  const hints: Record<string, unknown> = {
    email: 'hostile.input@example.org',
    phone: '07700 900123',
    firstName: 'Hostile',
    lastName: 'Input',
    displayName: 'Hostile Input',
    dateOfBirth: '1980-05-17',
    postcode: 'SW1A 1AA',
    password: 'a long enough password',
    clinicianId: ids['clinician'],
    patientId: ids['patients'],
    patientIds: [ids['patients']],
    version: 1,
    plannedSessions: 3,
    scheduledFor: instantIn(40),
    weightMeasuredOn: plusDays(clinicToday(), -7),
  };
  if (name in hints) return hints[name];
  const choices = (field.rules.get('isIn')?.[0] ?? []) as unknown[];
  const min = field.rules.get('min')?.[0] as number | undefined;
  switch (field.kind) {
    case 'choice':
      return choices[0];
    case 'list':
      return choices.length ? [choices[0]] : [];
    case 'number':
      return min === undefined ? 1 : field.rules.has('isInt') ? Math.ceil(min) : min;
    case 'date':
      return clinicToday();
    case 'instant':
      return instantIn(1);
    case 'boolean':
      return ['confirmDuplicate', 'noLotions', 'stockingsBrought'].includes(name);
    case 'object':
      return {};
    case 'text':
      return field.rules.has('isUUID') ? NO_ID : 'Hostile input';
    default:
      return field.required ? 'Hostile input' : undefined;
  }
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
  return copy;
}

function baseBody(fields: DtoField[], ids: Record<string, string>): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  for (const f of fields.filter((x) => x.required || x.kind === 'text')) {
    const value = sample(f, ids);
    if (value !== undefined) body = setAt(body, f.path, value);
  }
  return body;
}

/** Valid ids for a route's path: the record the segment before each parameter names. */
function concretePath(route: RouteEntry, ids: Record<string, string>, override?: [string, string]): string {
  return route.path.replace(/([a-z-]+)\/:([A-Za-z]+)/g, (_, segment: string, param: string) => {
    if (override && override[0] === param) return `${segment}/${override[1]}`;
    return `${segment}/${ids[param === 'id' ? segment : param] ?? NO_ID}`;
  });
}

function attemptsFor(route: RouteEntry, caller: Caller, ids: Record<string, string>): Attempt[] {
  const name = `${route.method} ${route.path}`;
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const path = concretePath(route, ids);
  const takesBody = method !== 'get';
  const fields = route.body ? dtoFields(route.body) : [];
  const base = baseBody(fields, ids);
  const out: Attempt[] = [];
  const add = (what: string, refused: boolean, send: Attempt['send'], field = false) =>
    out.push({ what, caller, route: name, refused, field, send });
  const json =
    (body: unknown, to = path) =>
    (c: StaffClient) =>
      c.raw(method, to).set('Content-Type', 'application/json').send(JSON.stringify(body));

  // Anywhere: control characters in the query string; ids that are not ids.
  add('NUL in q', true, (c) => c.raw(method, `${path}?q=a%00b`));
  add('ESC in a query parameter', true, (c) => c.raw(method, `${path}?x=%1B%5B2J`));
  for (const param of route.params) {
    for (const bad of BAD_IDS) add(`${param}=${bad.slice(0, 30)}`, true, (c) => c.raw(method, concretePath(route, ids, [param, bad])));
  }
  if (takesBody) {
    add('malformed JSON', true, (c) => c.raw(method, path).set('Content-Type', 'application/json').send('{"text": "unfinished'));
    add('JSON nested 5,000 levels', true, (c) => c.raw(method, path).set('Content-Type', 'application/json').send(nested(5000)));
    add('arrays nested 100,000 levels', true, (c) =>
      c
        .raw(method, path)
        .set('Content-Type', 'application/json')
        .send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    );
    add('5 MB body', true, (c) =>
      c
        .raw(method, path)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ text: 'x'.repeat(5 * 1024 * 1024) })),
    );
    add('XML body', true, (c) => c.raw(method, path).set('Content-Type', 'application/xml').send('<a>1</a>'));
    // Another site's origin is refused, except on the public form other sites post to.
    if (!(CROSS_SITE_FORMS as readonly string[]).includes(route.path)) {
      add('Origin: null', true, (c) => c.raw(method, path).set('Origin', 'null').send(base));
      add('Origin: not a URL', true, (c) => c.raw(method, path).set('Origin', '::::').send(base));
    }
    add('NUL in a property name', true, json({ ...base, 'a\u0000': 1 }));
  }
  if (route.body) {
    for (const top of [[], 'text', 42, null, true]) add(`body ${JSON.stringify(top)}`, true, json(top));
    for (const f of fields) {
      for (const bad of CONTROL)
        add(`${f.path} = ${JSON.stringify(bad)}`, true, json(setAt(base, f.path, f.kind === 'list' ? [bad] : bad)), true);
      const badValues =
        f.kind === 'number'
          ? BAD_NUMBERS
          : f.kind === 'date'
            ? BAD_DATES
            : f.kind === 'instant'
              ? BAD_INSTANTS
              : (WRONG_TYPES[f.kind] ?? []);
      for (const bad of badValues) add(`${f.path} = ${JSON.stringify(bad)}`, true, json(setAt(base, f.path, bad)), true);
      // Null clears a nullable field and is refused for the others: either way, never a 5xx.
      if (!f.required) add(`${f.path} = null`, false, json(setAt(base, f.path, null)), true);
      if (f.kind === 'text' || f.kind === 'list') {
        for (const text of INJECTION) {
          add(
            `${f.path} = ${JSON.stringify(text.slice(0, 30))}`,
            false,
            json(setAt(base, f.path, f.kind === 'list' ? [text] : text)),
            true,
          );
        }
      }
    }
  }
  if (route.query) {
    for (const f of dtoFields(route.query)) {
      const q = (value: string) => (c: StaffClient) => c.raw(method, `${path}?${f.path}=${value}`);
      for (const bad of ['%00', 'a%00b', '%01', '%1B', '%7F']) add(`?${f.path}=${bad}`, true, q(bad));
      const badValues = f.kind === 'number' ? QUERY_NUMBERS : f.kind === 'date' ? QUERY_DATES : [];
      for (const bad of badValues) add(`?${f.path}=${bad}`, true, q(encodeURIComponent(bad)));
      add(`?${f.path} twice`, true, q(`a&${f.path}=b`));
      for (const text of INJECTION.slice(0, 7)) add(`?${f.path}=${text}`, false, q(encodeURIComponent(text)));
    }
  }
  if (route.multipart) {
    const upload = (filename: string) => (c: StaffClient) =>
      c.raw(method, path).attach('file', PDF, { filename, contentType: 'application/pdf' });
    add('file name with NUL', true, upload('report\u0000.pdf'));
    add('file name with ESC', true, upload('report\u001b[2J.pdf'));
    for (const filename of ['../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow.pdf', '.pdf', '...']) {
      add(`file name ${filename}`, false, upload(filename));
    }
  }
  return out;
}

describe('hostile input: every route × every role and signed out', () => {
  let t: TestApp;
  let dataDir: string;
  let callers: Record<Caller, StaffClient>;
  let routes: RouteEntry[];
  let ids: Record<string, string>;
  const seen: { attempt: Attempt; status: number; type: string }[] = [];
  const signedOut: string[] = [];

  /** Every table the API writes, bar the ones a refused request may touch on purpose (audit, sign-in counters, session use). */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables: { name: string }[] = await t.db.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('audit_events', 'staff_sessions', 'rate_limit_counters', 'migrations')`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [{ digest }] = await t.db.query(
        `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM "${name}" x`,
      );
      out[name] = digest;
    }
    return out;
  }

  /** Sends each route × caller's attempts; field-level ones only when the wrong-typed body got past access control. */
  async function run(refused: boolean): Promise<typeof seen> {
    const out: typeof seen = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const attempts = attemptsFor(route, caller, ids);
        const gate = attempts.find((a) => a.what === 'body []');
        const gateStatus = gate ? (await gate.send(callers[caller])).status : 0;
        const through = ![401, 403].includes(gateStatus);
        for (const attempt of attempts.filter((a) => a.refused === refused && (!a.field || through))) {
          const res = await attempt.send(callers[caller]);
          out.push({ attempt, status: res.status, type: String(res.headers['content-type'] ?? '') });
        }
        // A request that signed its caller out would hide every later one behind 401: note it and sign in again.
        if (caller !== 'signed out' && (await callers[caller].get('/api/auth/me')).status === 401) {
          signedOut.push(`${caller} after ${route.method} ${route.path}`);
          callers[caller] = await t.signIn(caller);
        }
      }
    }
    seen.push(...out);
    return out;
  }

  const describeAll = (list: typeof seen) => list.map((s) => `${s.status} ${s.attempt.caller} ${s.attempt.route} ${s.attempt.what}`);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'venule-hostile-'));
    t = await TestApp.start({ dataDir });
    const staff = await t.signInAll();
    callers = { ...staff, 'signed out': await StaffClient.open(t.server) };
    routes = routeTable(t);

    const clinic = new Clinic(t, staff.reception, staff.clinician);
    const patient = await clinic.patient({ scans: [[20, { left: 'clear', right: 'clear' }]] });
    const course = await clinic.course(patient);
    const session = await clinic.pastSession(course, 30);
    const note = await staff.clinician.post(`/api/sessions/${session}/notes`, { text: 'Tolerated well.' });
    const event = await staff.clinician.post(`/api/sessions/${session}/adverse-events`, {
      type: 'matting',
      severity: 'mild',
      onsetOn: clinicToday(),
    });
    const [scan] = await t.db.query(`SELECT id FROM scans WHERE patient_id = $1`, [patient]);
    const file = await staff.clinician
      .raw('post', `/api/scans/${scan.id}/files`)
      .attach('file', PDF, { filename: 'r.pdf', contentType: 'application/pdf' });
    ids = {
      patients: patient,
      courses: course,
      sessions: session,
      notes: note.body.id,
      'adverse-events': event.body.id,
      scans: scan.id,
      fileId: file.body.id,
      users: (await t.createStaff('reception')).id,
      clinician: staff.clinician.userId,
    };
    if (Object.values(ids).some((v) => !v)) throw new Error(`seeding failed: ${JSON.stringify(ids)}`);
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the routes, with the bodies and queries they take', () => {
    expect(routes.length).toBeGreaterThan(30);
    const patch = routes.find((r) => r.method === 'PATCH' && r.path === '/api/notes/:id');
    expect(dtoFields(patch?.body as never).map((f) => `${f.path}:${f.kind}`)).toEqual(
      expect.arrayContaining(['text:text', 'version:number']),
    );
    expect(routes.find((r) => r.path === '/api/patients' && r.method === 'GET')?.query).toBeDefined();
    expect(routes.filter((r) => r.multipart).length).toBeGreaterThan(0);
  });

  it('refuses what must be refused with a problem+json 4xx, and stores nothing', async () => {
    const before = await fingerprint();
    const mine = await run(true);
    expect(describeAll(mine.filter((s) => s.status < 400 || s.status >= 500))).toEqual([]);
    expect(describeAll(mine.filter((s) => !s.type.startsWith('application/problem+json')))).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }, 600_000);

  it('never answers 5xx to injection strings or odd file names, and stores file names without their path', async () => {
    const mine = await run(false);
    expect(describeAll(mine.filter((s) => s.status >= 500))).toEqual([]);
    const names: { original_name: string }[] = await t.db.query(`SELECT original_name FROM scan_files`);
    for (const { original_name } of names) expect(original_name).not.toMatch(/[/\\\p{Cc}]/u);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM patients`);
    expect(n).toBeGreaterThan(0);
  }, 600_000);

  it('leaves every caller signed in as before, and counts what was sent', async () => {
    expect(signedOut).toEqual([]);
    const fivexx = seen.filter((s) => s.status >= 500).length;
    process.stdout.write(
      `hostile input: ${routes.length} routes × ${CALLERS.length} callers, ${seen.length} hostile requests, ${fivexx} answered 5xx\n`,
    );
    expect(seen.length).toBeGreaterThan(1000);
    expect(fivexx).toBe(0);
  });
});
