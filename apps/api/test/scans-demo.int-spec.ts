import { LEG_STATUSES, type ClearanceSummary } from '@venule/api-contract';
import { clearanceBadge, clinicDate } from '@venule/clinical-rules';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('the demo clinic: scans and clearance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ demo: true });
  });
  afterAll(() => t.stop());

  it('shows every leg status and badge, with scans dated relative to today', async () => {
    const reception = await StaffClient.open(t.server);
    expect((await reception.post('/api/auth/login', { email: 'reception@demo.venule', password: 'demo-venule' })).status).toBe(200);
    const ids: string[] = (await t.db.query(`SELECT id FROM patients ORDER BY clinic_number`)).map((r: { id: string }) => r.id);
    expect(ids.length).toBeGreaterThan(10);

    const res = await reception.get(`/api/clearance?patientIds=${ids.join(',')}`);
    expect(res.status).toBe(200);
    const items: ClearanceSummary[] = res.body.items;
    const statuses = new Set(items.flatMap((i) => [i.legs.left.status, i.legs.right.status]));
    expect([...statuses].sort()).toEqual([...LEG_STATUSES].sort());
    expect(items.some((i) => i.eligible)).toBe(true);
    expect(new Set(items.flatMap((i) => i.blockers.map((b) => b.code)))).toEqual(
      new Set(['MEDICAL_HISTORY_REQUIRED', 'CONTRAINDICATED', 'UNDER_18']),
    );

    // A patient whose scan runs out within 30 days (the dashboard's "expiring" badge).
    const today = clinicDate(new Date().toISOString(), t.config.clinicTimeZone);
    const one = await Promise.all(items.filter((i) => i.eligible).map((i) => reception.get(`/api/patients/${i.patientId}/clearance`)));
    const badges = one.map((r) => clearanceBadge(r.body, today).badge);
    expect(badges).toContain('expiring');
    expect(badges).toContain('cleared');

    // Nothing dated in the future.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM scans WHERE performed_on > $1::date`, [today]);
    expect(n).toBe(0);
  });
});
