import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('staff accounts', () => {
  let t: TestApp;
  let admin: StaffClient;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.signIn('admin');
  });
  afterAll(() => t.stop());

  it('lets an admin create an account that can then sign in', async () => {
    const created = await admin.post('/api/users', {
      email: 'New.Nurse@Clinic.example',
      displayName: 'Nina Nurse',
      role: 'clinician',
      password: 'a long enough password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.nurse@clinic.example', role: 'clinician', active: true, version: 1 });
    expect(created.body).not.toHaveProperty('passwordHash');

    const browser = await StaffClient.open(t.server);
    const login = await browser.post('/api/auth/login', { email: 'new.nurse@clinic.example', password: 'a long enough password' });
    expect(login.status).toBe(200);

    const list = await admin.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain('new.nurse@clinic.example');
  });

  it('refuses a second account with the same email, naming the field', async () => {
    const body = { email: 'twice@clinic.example', displayName: 'Twice', role: 'reception', password: 'a long enough password' };
    expect((await admin.post('/api/users', body)).status).toBe(201);
    const again = await admin.post('/api/users', body);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('email');
  });

  it('gives one account and 409s when the same email is created several times at once', async () => {
    const body = { email: 'race@clinic.example', displayName: 'Race', role: 'reception', password: 'a long enough password' };
    const results = await Promise.all(Array.from({ length: 6 }, () => admin.post('/api/users', body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ code: 'CONFLICT', errors: [{ field: 'email' }] });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [body.email]);
    expect(n).toBe(1);
  });

  it('validates every field of a new account', async () => {
    const res = await admin.post('/api/users', { email: 'not-an-email', displayName: 'X', role: 'surgeon', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'email', 'password', 'role']);
  });

  it('ends a deactivated account’s sessions at once', async () => {
    const reception = await t.signIn('reception');
    expect((await reception.get('/api/auth/me')).status).toBe(200);
    const res = await admin.patch(`/api/users/${reception.userId}`, { version: 1, active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await reception.get('/api/auth/me')).status).toBe(401);
  });

  it('changes a role, and refuses a stale version with 409', async () => {
    const clinician = await t.signIn('clinician');
    const first = await admin.patch(`/api/users/${clinician.userId}`, { version: 1, role: 'manager' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ role: 'manager', version: 2 });
    const stale = await admin.patch(`/api/users/${clinician.userId}`, { version: 1, displayName: 'Someone else' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
  });

  it('does not let an admin lock themselves out', async () => {
    const res = await admin.patch(`/api/users/${admin.userId}`, { version: 1, active: false });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('active');
  });

  it('answers 404 for an account that does not exist', async () => {
    const res = await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { version: 1, displayName: 'Nobody' });
    expect(res.status).toBe(404);
  });

  it.each(['reception', 'clinician', 'manager'] as const)('refuses the %s role with 403', async (role) => {
    const browser = await t.signIn(role);
    const res = await browser.get('/api/users');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(
      (await browser.post('/api/users', { email: 'x@y.z', displayName: 'X Y', role: 'admin', password: 'a long enough password' })).status,
    ).toBe(403);
  });
});
