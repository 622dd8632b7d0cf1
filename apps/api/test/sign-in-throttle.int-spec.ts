import type { AuditEvent } from '@venule/api-contract';
import request, { type Response } from 'supertest';
import { SIGN_IN_LIMITS } from '../src/auth/sign-in-throttle';
import type { StaffClient } from './support/staff-client';
import { TEST_PASSWORD, TestApp } from './support/test-app';

const XSRF = 'sign-in-throttle-test-token';

/**
 * Sign-in throttling (issue 9): counted before the password is checked, so it holds under
 * concurrency; hard per address; per account it slows guessing without letting an outsider lock a
 * member of staff out. Clients come from distinct addresses through X-Forwarded-For (the test
 * client is on loopback, which TRUSTED_PROXIES trusts by default).
 */
describe('sign-in throttling', () => {
  let t: TestApp;
  let manager: StaffClient;
  let nextAddress = 1;
  const freshAddress = () => `198.51.100.${nextAddress++}`;

  const attempt = (email: string, password: string, address: string): Promise<Response> =>
    request(t.server)
      .post('/api/auth/login')
      .set('X-Forwarded-For', address)
      .set('Cookie', `XSRF-TOKEN=${XSRF}`)
      .set('X-XSRF-TOKEN', XSRF)
      .send({ email, password })
      .then((r) => r);

  const events = async (query: string): Promise<AuditEvent[]> => {
    const res = await manager.get(`/api/audit?limit=100&${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    manager = await t.signIn('manager');
  });
  afterAll(() => t.stop());

  it('checks at most the limit of forty simultaneous wrong passwords for one account; the rest get 429', async () => {
    const { id, email } = await t.createStaff('admin');
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(email, `guess ${i}`, address)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMITS.perAccountFromAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - SIGN_IN_LIMITS.perAccountFromAddress);
    // Only checked passwords are audited as failures: the count is the number that got that far.
    const failures = (await events('action=login_failed')).filter((e) => e.entityId === id);
    expect(failures).toHaveLength(SIGN_IN_LIMITS.perAccountFromAddress);
    expect((await attempt(email, TEST_PASSWORD, address)).status).toBe(429);
  });

  it('throttles an address that fails too often, whatever accounts it tries, and only that address', async () => {
    const { email } = await t.createStaff('reception');
    const address = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      expect((await attempt(`nobody${i}@elsewhere.example`, 'guess', address)).status).toBe(401);
    }
    const refused = await attempt(email, TEST_PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(email, TEST_PASSWORD, freshAddress())).status).toBe(200);
  });

  it('does not let guesses from other addresses lock a member of staff out of the address they use', async () => {
    const { email } = await t.createStaff('clinician');
    const clinic = freshAddress();
    expect((await attempt(email, TEST_PASSWORD, clinic)).status).toBe(200);

    const attackers = Array.from({ length: 4 }, freshAddress);
    const outcomes: number[] = [];
    for (const address of attackers) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccountFromAddress; i++) outcomes.push((await attempt(email, `guess ${i}`, address)).status);
    }
    // Spread over addresses, guessing stops after the account's limit for new addresses.
    expect(outcomes.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMITS.perAccountFromNewAddresses);
    expect((await attempt(email, TEST_PASSWORD, freshAddress())).status).toBe(429);

    // From the clinic's address the right password still works, and so does a wrong one's 401.
    expect((await attempt(email, 'one typo', clinic)).status).toBe(401);
    expect((await attempt(email, TEST_PASSWORD, clinic)).status).toBe(200);
  });

  it('audits sign-in, sign-out, failures and throttling, never with the password', async () => {
    const { id, email } = await t.createStaff('reception');
    const address = freshAddress();
    const secret = 'hunter2-never-stored';
    expect((await attempt(email, secret, address)).status).toBe(401);
    expect((await attempt('ghost@elsewhere.example', secret, address)).status).toBe(401);
    for (let i = 1; i < SIGN_IN_LIMITS.perAccountFromAddress; i++) await attempt(email, `${secret}-${i}`, address);
    expect((await attempt(email, secret, address)).status).toBe(429);
    expect((await attempt(email, secret, address)).status).toBe(429);

    const home = freshAddress();
    const signedIn = await attempt(email, TEST_PASSWORD, home);
    expect(signedIn.status).toBe(200);
    const session = String(signedIn.headers['set-cookie']).match(/venule_session=([^;]+)/)?.[1];
    const signOut = await request(t.server)
      .post('/api/auth/logout')
      .set('X-Forwarded-For', home)
      .set('Cookie', `XSRF-TOKEN=${XSRF}; venule_session=${session}`)
      .set('X-XSRF-TOKEN', XSRF);
    expect(signOut.status).toBe(204);

    const mine = [
      ...(await events(`actorId=${id}`)),
      ...(await events('action=login_failed')),
      ...(await events('action=login_throttled')),
    ];
    const of = (action: string) => mine.filter((e) => e.action === action);
    expect(of('login')).toEqual([expect.objectContaining({ actorId: id, entity: 'staff_session', address: home })]);
    expect(of('logout')).toEqual([
      expect.objectContaining({ actorId: id, entity: 'staff_session', entityId: of('login')[0].entityId, address: home }),
    ]);
    const failed = of('login_failed').filter((e) => e.address === address);
    expect(failed).toHaveLength(SIGN_IN_LIMITS.perAccountFromAddress + 1);
    expect(failed.every((e) => e.actorId === null)).toBe(true);
    expect(failed.filter((e) => e.entity === 'user' && e.entityId === id)).toHaveLength(SIGN_IN_LIMITS.perAccountFromAddress);
    expect(failed.filter((e) => e.entity === 'email')).toEqual([
      expect.objectContaining({ entityId: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    // One throttle event per window and limit, not one per refused request.
    expect(of('login_throttled').filter((e) => e.address === address)).toEqual([
      expect.objectContaining({ actorId: null, entity: 'user', entityId: id, fields: ['account_from_address'] }),
    ]);

    const stored = JSON.stringify(await t.db.query(`SELECT * FROM audit_events`));
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(TEST_PASSWORD);
    expect(stored).not.toContain('ghost@elsewhere.example');
  });

  it('clears ended counters and idle sessions as staff sign in', async () => {
    await t.db.query(
      `INSERT INTO rate_limit_counters (key, hits, window_ends_at) VALUES ('sign-in:address:192.0.2.99', 3, now() - interval '1 minute')`,
    );
    const idle = await t.signIn('reception');
    await t.db.query(`UPDATE staff_sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = $1`, [idle.userId]);
    await t.signIn('reception');
    expect(await t.db.query(`SELECT key FROM rate_limit_counters WHERE window_ends_at <= now()`)).toEqual([]);
    expect(await t.db.query(`SELECT id FROM staff_sessions WHERE user_id = $1`, [idle.userId])).toEqual([]);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('ignores X-Forwarded-For unless it comes from a trusted proxy', async () => {
    const t = await TestApp.start({ env: { TRUSTED_PROXIES: 'none' } });
    try {
      const manager = await t.signIn('manager');
      const res = await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.9')
        .set('Cookie', `XSRF-TOKEN=${XSRF}`)
        .set('X-XSRF-TOKEN', XSRF)
        .send({ email: 'nobody@elsewhere.example', password: 'guess' });
      expect(res.status).toBe(401);
      const [event] = (await manager.get('/api/audit?action=login_failed')).body.items as AuditEvent[];
      expect(event.address).toMatch(/127\.0\.0\.1/);
    } finally {
      await t.stop();
    }
  });
});
