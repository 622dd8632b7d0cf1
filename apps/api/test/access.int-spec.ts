import { ACCESS, ROLES, type Capability, type Role } from '@venule/api-contract';
import request from 'supertest';
import { routeKey, routesOf, type Route } from './support/routes';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const ALL: Role[] = ['reception', 'clinician', 'manager', 'admin'];

/**
 * SPEC §3 as written, one row (and read or write column) per capability. Kept here, apart from
 * the contract's table, so that widening a row in the contract fails this test.
 */
const SPEC_3: Record<Capability, Role[]> = {
  signedIn: ALL,
  readPatients: ALL,
  writePatients: ['reception', 'clinician'],
  readClearance: ['reception', 'clinician', 'manager'],
  readClinical: ['clinician', 'manager'],
  writeClinical: ['clinician'],
  readBookings: ['reception', 'clinician', 'manager'],
  bookSessions: ['reception', 'clinician'],
  readAftercare: ['reception', 'clinician', 'manager'],
  readRecallList: ['reception', 'clinician', 'manager'],
  readReports: ['manager', 'admin'],
  readAudit: ['manager', 'admin'],
  manageStaff: ['admin'],
};

/**
 * Which SPEC §3 row each route serves. A route missing here fails the test until someone decides
 * its row; a route decorated with a wider capability than its row fails too.
 */
const ROUTE_ACCESS: Record<string, Capability | 'public'> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signedIn',
  'POST /api/auth/password': 'signedIn',
  'GET /api/users': 'manageStaff',
  'POST /api/users': 'manageStaff',
  'PATCH /api/users/:id': 'manageStaff',
  'GET /api/settings': 'manageStaff',
  'PUT /api/settings': 'manageStaff',
  'GET /api/clinic': 'signedIn',
  'POST /api/users/:id/password-reset': 'manageStaff',
  'GET /api/patients': 'readPatients',
  'POST /api/patients': 'writePatients',
  'GET /api/patients/:id': 'readPatients',
  'PATCH /api/patients/:id': 'writePatients',
  'GET /api/patients/:id/medical-history': 'readClinical',
  'PUT /api/patients/:id/medical-history': 'writeClinical',
  'GET /api/patients/:id/scans': 'readClinical',
  'POST /api/patients/:id/scans': 'writeClinical',
  'POST /api/scans/:id/files': 'writeClinical',
  'GET /api/scans/:id/files/:fileId': 'readClinical',
  'GET /api/patients/:id/clearance': 'readClearance',
  'GET /api/clearance': 'readClearance',
  'GET /api/patients/:id/courses': 'readBookings',
  'POST /api/patients/:id/courses': 'writeClinical',
  'GET /api/courses/:id': 'readBookings',
  'PATCH /api/courses/:id': 'writeClinical',
  'POST /api/courses/:id/consent': 'writeClinical',
  'POST /api/courses/:id/outcomes': 'writeClinical',
  'GET /api/courses/:id/sessions': 'readBookings',
  'POST /api/courses/:id/sessions': 'bookSessions',
  'GET /api/sessions/:id': 'readBookings',
  'GET /api/sessions/:id/completion-facts': 'writeClinical',
  'POST /api/sessions/:id/complete': 'writeClinical',
  'POST /api/sessions/:id/move': 'bookSessions',
  'POST /api/sessions/:id/cancel': 'bookSessions',
  'POST /api/sessions/:id/did-not-attend': 'bookSessions',
  'GET /api/sessions/:id/aftercare': 'readAftercare',
  'GET /api/sessions/:id/pre-treatment': 'readAftercare',
  'GET /api/sessions/:id/adverse-events': 'readClinical',
  'POST /api/sessions/:id/adverse-events': 'writeClinical',
  'POST /api/adverse-events/:id/resolve': 'writeClinical',
  'GET /api/sessions/:id/notes': 'readClinical',
  'POST /api/sessions/:id/notes': 'writeClinical',
  'PATCH /api/notes/:id': 'writeClinical',
  'POST /api/notes/:id/sign': 'writeClinical',
  'POST /api/notes/:id/addenda': 'writeClinical',
  'GET /api/audit': 'readAudit',
  'GET /api/diary': 'readBookings',
  'GET /api/clinicians': 'readBookings',
  'GET /api/consultations': 'readBookings',
  'POST /api/consultations': 'bookSessions',
  'GET /api/consultations/:id': 'readBookings',
  'PATCH /api/consultations/:id': 'bookSessions',
  'POST /api/consultations/:id/payments': 'bookSessions',
  'POST /api/enquiries': 'public',
  'GET /enquire': 'public',
  'GET /api/enquiries': 'readBookings',
  'GET /api/enquiries/:id': 'readBookings',
  'PATCH /api/enquiries/:id': 'bookSessions',
  'POST /api/enquiries/:id/convert': 'bookSessions',
  'GET /api/reports/course-progress': 'readReports',
  'GET /api/reports/overdue': 'readRecallList',
  'POST /api/reports/overdue/calls': 'readRecallList',
  'GET /api/audit/staff': 'readAudit',
  'GET /api/reports/outcomes': 'readReports',
  'GET /api/messages': 'readBookings',
  'POST /api/messages/:id/resend': 'bookSessions',
  'GET /api/message-templates': 'manageStaff',
  'PUT /api/message-templates/:template': 'manageStaff',
  'POST /api/message-templates/:template/reset': 'manageStaff',
  'POST /api/message-templates/:template/preview': 'manageStaff',
};

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
const sorted = (roles: readonly Role[]) => [...roles].sort();

describe('access: deny by default, every route with every role and signed out, against SPEC §3', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let routes: Route[];
  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    routes = routesOf(t.app);
  });
  afterAll(() => t.stop());

  it('has the contract’s capability table say what SPEC §3 says', () => {
    const table = Object.fromEntries(Object.entries(ACCESS).map(([c, roles]) => [c, sorted(roles)]));
    const spec = Object.fromEntries(Object.entries(SPEC_3).map(([c, roles]) => [c, sorted(roles)]));
    expect(table).toEqual(spec);
  });

  it('has every route in the SPEC map, and every entry of the map a route', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map(routeKey).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it('has every route declare exactly the capability of its SPEC row, or be public', () => {
    const declared = routes.map((r) => `${routeKey(r)} → ${r.isPublic ? 'public' : (r.capability ?? 'nothing')}`).sort();
    const expected = routes.map((r) => `${routeKey(r)} → ${ROUTE_ACCESS[routeKey(r)] ?? 'not in SPEC map'}`).sort();
    expect(declared).toEqual(expected);
  });

  it('asks signed-out callers to sign in on every route that is not public, and lets them through the public ones', async () => {
    const anonymous = await request.agent(t.server).get('/api/health');
    const token = /XSRF-TOKEN=([^;]+)/.exec(String(anonymous.headers['set-cookie']))?.[1] ?? '';
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const r of routes) {
      const call = request(t.server)[r.method.toLowerCase() as 'get'];
      const res = await call(concrete(r.path)).set('Cookie', `XSRF-TOKEN=${token}`).set('X-XSRF-TOKEN', token).send({});
      outcomes.push(`${routeKey(r)} → ${res.status === 401 ? 'sign in' : res.status === 403 ? 'forbidden' : 'through'}`);
      expected.push(`${routeKey(r)} → ${ROUTE_ACCESS[routeKey(r)] === 'public' ? 'through' : 'sign in'}`);
    }
    expect(outcomes).toEqual(expected);
  });

  it('gives 403 to every role a route’s SPEC row leaves out, and lets the others through', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    // Public routes last, signing out last of all: each role's browser is used up by then.
    const order = (r: Route) => (r.isPublic ? (r.path.endsWith('/logout') ? 2 : 1) : 0);
    const walk = [...routes].sort((a, b) => order(a) - order(b));
    for (const r of walk) {
      const row = ROUTE_ACCESS[routeKey(r)];
      for (const role of ROLES) {
        const client = staff[role];
        const call = r.method.toLowerCase();
        const res = call === 'get' ? await client.get(concrete(r.path)) : await client[call as 'post'](concrete(r.path), {});
        const allowed = row === 'public' || (row !== undefined && SPEC_3[row].includes(role));
        outcomes.push(`${role} ${routeKey(r)} → ${res.status === 403 ? 'forbidden' : res.status === 401 ? 'signed out' : 'through'}`);
        expected.push(`${role} ${routeKey(r)} → ${allowed ? 'through' : 'forbidden'}`);
      }
    }
    expect(outcomes).toEqual(expected);
    expect(outcomes).toHaveLength(routes.length * ROLES.length);
  });
});
