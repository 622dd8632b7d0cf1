import { SESSION_COOKIE } from '@venule/api-contract';
import request from 'supertest';
import { SIGN_IN_LIMITS } from '../src/auth/sign-in-throttle';
import { StaffClient } from './support/staff-client';
import { TEST_PASSWORD, TestApp } from './support/test-app';

describe('staff sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  it('signs in with the right password and knows who is signed in', async () => {
    const { email } = await t.createStaff('clinician');
    const browser = await StaffClient.open(t.server);
    const login = await browser.post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, role: 'clinician' });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
    expect(me.body.idleTimeoutMinutes).toBe(30);
    expect(me.body.clinicTimeZone).toBe('Europe/London');
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const { email } = await t.createStaff('reception');
    const browser = await StaffClient.open(t.server);
    const res = await browser.post('/api/auth/login', { email, password: 'not the password' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses an unknown body field with 400 naming the field', async () => {
    const { email } = await t.createStaff('reception');
    const browser = await StaffClient.open(t.server);
    const res = await browser.post('/api/auth/login', { email, password: TEST_PASSWORD, isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'isAdmin', messages: [expect.stringContaining('isAdmin')] }]);
  });

  it('ends the session on sign-out', async () => {
    const browser = await t.signIn('manager');
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('expires a session idle for longer than the timeout', async () => {
    const browser = await t.signIn('reception');
    await t.db.query(`UPDATE staff_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [browser.userId]);
    const res = await browser.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringMatching(/expired/) });
  });

  it('keeps a session alive while it is used', async () => {
    const browser = await t.signIn('reception');
    await t.db.query(`UPDATE staff_sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`, [browser.userId]);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    const [row] = await t.db.query(`SELECT now() - last_seen_at < interval '1 minute' AS fresh FROM staff_sessions WHERE user_id = $1`, [
      browser.userId,
    ]);
    expect(row.fresh).toBe(true);
  });

  it('writes the last-seen time at most once a minute, so a read does not write', async () => {
    const browser = await t.signIn('reception');
    // For an UPDATE, TypeORM answers [rows, affected count].
    const [[{ seen }]] = await t.db.query(
      `UPDATE staff_sessions SET last_seen_at = now() - interval '20 seconds' WHERE user_id = $1 RETURNING last_seen_at::text AS seen`,
      [browser.userId],
    );
    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    const [row] = await t.db.query(`SELECT last_seen_at::text AS seen FROM staff_sessions WHERE user_id = $1`, [browser.userId]);
    expect(row.seen).toBe(seen);
    // The expiry it reports counts from that last write, so it is never later than the real one.
    expect(Date.parse(me.body.expiresAt)).toBeLessThanOrEqual(Date.now() - 19_000 + 30 * 60_000);
  });

  it('throttles repeated failures for one account from one address with 429, even with the right password', async () => {
    const { email } = await t.createStaff('admin');
    const browser = await StaffClient.open(t.server);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountFromAddress; i++) {
      expect((await browser.post('/api/auth/login', { email, password: `guess ${i}` })).status).toBe(401);
    }
    const res = await browser.post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a state-changing request without the XSRF header, or from another site', async () => {
    const { email } = await t.createStaff('reception');
    const noToken = await request(t.server).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('FORBIDDEN');

    const browser = await StaffClient.open(t.server);
    const crossSite = await request(t.server)
      .post('/api/auth/login')
      .set('Cookie', `XSRF-TOKEN=${browser.xsrfToken}`)
      .set('X-XSRF-TOKEN', browser.xsrfToken)
      .set('Origin', 'https://evil.example')
      .send({ email, password: TEST_PASSWORD });
    expect(crossSite.status).toBe(403);
  });
});

describe('the clinic time zone', () => {
  it('tells the dashboard the zone CLINIC_TIMEZONE sets, on sign-in and on every check', async () => {
    const t = await TestApp.start({ env: { CLINIC_TIMEZONE: 'America/New_York' } });
    try {
      const { email } = await t.createStaff('reception');
      const browser = await StaffClient.open(t.server);
      expect((await browser.post('/api/auth/login', { email, password: TEST_PASSWORD })).body.clinicTimeZone).toBe('America/New_York');
      expect((await browser.get('/api/auth/me')).body.clinicTimeZone).toBe('America/New_York');
    } finally {
      await t.stop();
    }
  });
});
