import { StaffClient } from './support/staff-client';
import { TEST_PASSWORD, TestApp } from './support/test-app';

describe('passwords: changing one’s own, and an admin’s reset', () => {
  let t: TestApp;
  let admin: StaffClient;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.signIn('admin');
  });
  afterAll(() => t.stop());

  const signInAs = async (email: string, password: string) => {
    const browser = await StaffClient.open(t.server);
    const res = await browser.post('/api/auth/login', { email, password });
    return { browser, res };
  };
  const auditOf = (userId: string) =>
    t.db.query(
      `SELECT actor_id, action, fields FROM audit_events WHERE entity = 'user' AND action = 'update' AND entity_id = $1 ORDER BY id`,
      [userId],
    );

  it('changes one’s own password with the current one: the old no longer signs in, other sessions end, this one goes on', async () => {
    const { id, email } = await t.createStaff('clinician');
    const { browser: here } = await signInAs(email, TEST_PASSWORD);
    const { browser: elsewhere } = await signInAs(email, TEST_PASSWORD);

    const res = await here.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { email }, mustChangePassword: false });

    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await signInAs(email, TEST_PASSWORD)).res.status).toBe(401);
    expect((await signInAs(email, 'a brand new passphrase')).res.status).toBe(200);
    expect(await auditOf(id)).toEqual([expect.objectContaining({ actor_id: id, action: 'update', fields: ['password'] })]);
  });

  it('refuses a wrong current password, a short or unchanged new one, naming the field, and changes nothing', async () => {
    const { email } = await t.createStaff('reception');
    const { browser } = await signInAs(email, TEST_PASSWORD);

    const wrong = await browser.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'currentPassword' }] });

    const short = await browser.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'newPassword', messages: ['must be at least 10 characters'] }]);

    const same = await browser.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.status).toBe(400);
    expect(same.body.errors[0].field).toBe('newPassword');

    expect((await signInAs(email, TEST_PASSWORD)).res.status).toBe(200);
  });

  it('stops guessing at the current password after five wrong tries', async () => {
    const { email } = await t.createStaff('manager');
    const { browser } = await signInAs(email, TEST_PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect(
        (await browser.post('/api/auth/password', { currentPassword: `guess ${i}`, newPassword: 'a brand new passphrase' })).status,
      ).toBe(400);
    }
    const refused = await browser.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('lets an admin reset a password: sessions end, the temporary one signs in, and nothing but changing it works until then', async () => {
    const { id, email } = await t.createStaff('reception');
    const { browser: before } = await signInAs(email, TEST_PASSWORD);

    const reset = await admin.post(`/api/users/${id}/password-reset`, { version: 1 });
    expect(reset.status).toBe(200);
    expect(reset.body.user).toMatchObject({ id, mustChangePassword: true, version: 2 });
    const temporary: string = reset.body.temporaryPassword;
    expect(temporary.length).toBeGreaterThanOrEqual(10);

    expect((await before.get('/api/auth/me')).status).toBe(401);
    expect((await signInAs(email, TEST_PASSWORD)).res.status).toBe(401);
    const { browser, res } = await signInAs(email, temporary);
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);

    expect((await browser.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    const blocked = await browser.get('/api/patients?q=smith');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await browser.post('/api/auth/password', { currentPassword: temporary, newPassword: 'my very own password' });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await browser.get('/api/patients?q=smith')).status).toBe(200);

    expect(await auditOf(id)).toEqual([
      expect.objectContaining({ actor_id: admin.userId, action: 'update', fields: ['password', 'mustChangePassword'] }),
      expect.objectContaining({ actor_id: id, action: 'update', fields: ['password'] }),
    ]);
  });

  it('refuses a reset of a stale version, of an unknown account and of the admin’s own', async () => {
    const { id } = await t.createStaff('clinician');
    expect((await admin.post(`/api/users/${id}/password-reset`, { version: 1 })).status).toBe(200);
    const stale = await admin.post(`/api/users/${id}/password-reset`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await admin.post(`/api/users/00000000-0000-4000-8000-000000000000/password-reset`, { version: 1 })).status).toBe(404);
    const own = await admin.post(`/api/users/${admin.userId}/password-reset`, { version: 1 });
    expect(own.status).toBe(400);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('does not let anyone but an admin reset a password', async () => {
    const clinician = await t.signIn('clinician');
    const { id } = await t.createStaff('reception');
    const res = await clinician.post(`/api/users/${id}/password-reset`, { version: 1 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });
});
