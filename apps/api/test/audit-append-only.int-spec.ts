import type { AuditEvent } from '@venule/api-contract';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/**
 * The audit trail cannot be rewritten by the API's own database role (issue 9): every statement
 * below goes through the app's own DataSource, i.e. as the role the API runs as, on PGlite and on
 * the PostgreSQL server alike.
 */
describe('audit trail, append-only against the runtime role', () => {
  let t: TestApp;
  let manager: StaffClient;
  let patientId: string;

  const auditTotal = async () => {
    const res = await manager.get(`/api/audit?patientId=${patientId}`);
    expect(res.status).toBe(200);
    return (res.body as { total: number; items: AuditEvent[] }).total;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    manager = await t.signIn('manager');
    const reception = await t.signIn('reception');
    const res = await reception.post('/api/patients', {
      firstName: 'Ledger',
      lastName: 'Keeper',
      dateOfBirth: '1980-02-02',
      sex: 'female',
      phone: '07700 900123',
      email: 'ledger@example.org',
    });
    expect(res.status).toBe(201);
    patientId = res.body.id;
  });
  afterAll(() => t.stop());

  it('runs as venule_app, not as the owner of the schema', async () => {
    const [row] = await t.db.query(`SELECT current_user AS role`);
    expect(row.role).toBe('venule_app');
  });

  it.each([
    ['UPDATE', `UPDATE audit_events SET fields = '{}'`, /permission denied/],
    ['DELETE', `DELETE FROM audit_events`, /permission denied/],
    ['TRUNCATE', `TRUNCATE audit_events`, /permission denied/],
    ['DISABLE TRIGGER', `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`, /must be owner/],
    ['DISABLE TRIGGER ALL', `ALTER TABLE audit_events DISABLE TRIGGER ALL`, /must be owner/],
    ['DROP TRIGGER', `DROP TRIGGER audit_events_append_only ON audit_events`, /must be owner/],
    ['DROP TABLE', `DROP TABLE audit_events`, /must be owner/],
  ])('refuses %s on the audit table', async (_, sql, refusal) => {
    const before = await auditTotal();
    await expect(t.db.query(sql)).rejects.toThrow(refusal);
    expect(await auditTotal()).toBe(before);
  });

  it('still lets the API write: ordinary rows change and the audit trail grows', async () => {
    const before = await auditTotal();
    const clinician = await t.signIn('clinician');
    const res = await clinician.patch(`/api/patients/${patientId}`, { version: 1, gpName: 'Dr Ledger' });
    expect(res.status).toBe(200);
    expect(await auditTotal()).toBe(before + 1);
  });
});

/**
 * Production on a PostgreSQL server: migrations through DATABASE_MIGRATION_URL as the owner, the
 * API through DATABASE_URL as a login of its own. Then not even arbitrary SQL on the API's
 * connection can undo the role: RESET ROLE falls back to a login that is no more than venule_app.
 */
(process.env['DATABASE_URL'] ? describe : describe.skip)('audit trail, with the API on a login of its own', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ ownLogin: true });
  });
  afterAll(() => t.stop());

  it('stays append-only after RESET ROLE, and the API still signs in and writes', async () => {
    await t.db.query(`RESET ROLE`);
    const [who] = await t.db.query(`SELECT current_user AS role, pg_has_role(current_user, 'venule_app', 'MEMBER') AS member`);
    expect(who).toEqual({ role: expect.stringMatching(/_api$/), member: true });
    await expect(t.db.query(`UPDATE audit_events SET fields = '{}'`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(t.db.query(`SET ROLE postgres`)).rejects.toThrow(/permission denied/);

    const reception = await t.signIn('reception');
    const res = await reception.post('/api/patients', {
      firstName: 'Own',
      lastName: 'Login',
      dateOfBirth: '1980-02-02',
      sex: 'female',
      phone: '07700 900124',
      email: 'own.login@example.org',
    });
    expect(res.status).toBe(201);
  });
});
