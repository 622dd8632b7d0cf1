import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/** The demo clinic's courses: every course state on screen, and nothing the rules would refuse. */
describe('demo courses', () => {
  let t: TestApp;
  let manager: StaffClient;
  beforeAll(async () => {
    t = await TestApp.start({ demo: true });
    manager = await StaffClient.open(t.server);
    await manager.post('/api/auth/login', { email: 'manager@demo.venule', password: 'demo-venule' });
  });
  afterAll(() => t.stop());

  it('shows a course in every state, with outcomes, notes, a missed and a cancelled session, an open and a resolved adverse event', async () => {
    const patients: { patient_id: string }[] = await t.db.query(`SELECT DISTINCT patient_id FROM courses`);
    const courses = [];
    for (const { patient_id } of patients) {
      const res = await manager.get(`/api/patients/${patient_id}/courses`);
      expect(res.status).toBe(200);
      courses.push(...res.body.items);
    }
    const states = new Set(courses.map((c) => c.state));
    for (const state of ['on_track', 'due', 'overdue', 'not_started', 'completed', 'discontinued']) expect(states).toContain(state);
    // Completed courses carry their ratings (one only the clinician's); the patients come back in no set order.
    const ratings = courses
      .filter((c) => c.status === 'completed')
      .map((c) => c.outcomes.map((o: { ratedBy: string; improvementPercent: number }) => [o.ratedBy, o.improvementPercent]));
    expect(ratings).toContainEqual([
      ['patient', 70],
      ['clinician', 60],
    ]);
    expect(ratings).toContainEqual([['clinician', 75]]);
    expect(courses.find((c) => c.status === 'discontinued').discontinuedReason).toEqual(expect.any(String));
    const sessions = courses.flatMap((c) => c.sessions);
    for (const status of ['scheduled', 'completed', 'cancelled', 'did_not_attend']) expect(sessions.map((s) => s.status)).toContain(status);
    expect(sessions.flatMap((s) => s.adverseEvents ?? [])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'hyperpigmentation', severity: 'mild', resolved: false, resolvedOn: null }),
        expect.objectContaining({
          type: 'matting',
          severity: 'mild',
          resolved: true,
          resolvedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      ]),
    );
    const [{ signed, drafts, addenda }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE status = 'signed')::int AS signed, count(*) FILTER (WHERE status = 'draft')::int AS drafts,
              (SELECT count(*)::int FROM note_addenda) AS addenda FROM session_notes`,
    );
    expect(signed).toBeGreaterThan(3);
    expect(drafts).toBeGreaterThan(0);
    expect(addenda).toBeGreaterThan(0);
  });

  it('books sessions tomorrow with pre-treatment advice, and every completed dose is within the rules', async () => {
    const tomorrow: { id: string }[] = await t.db.query(
      `SELECT id FROM sessions WHERE status = 'scheduled' AND (scheduled_for AT TIME ZONE 'Europe/London')::date = (now() AT TIME ZONE 'Europe/London')::date + 1`,
    );
    expect(tomorrow.length).toBeGreaterThanOrEqual(2);
    const advice = await manager.get(`/api/sessions/${tomorrow[0].id}/pre-treatment`);
    expect(advice.body.items.map((i: { code: string }) => i.code)).toEqual(['no_lotions', 'loose_clothing', 'bring_stockings']);
    const doses: { form: string; concentration: number; ml: number }[] = await t.db.query(
      `SELECT form, concentration_percent::float8 AS concentration, volume_ml::float8 AS ml FROM sessions WHERE status = 'completed'`,
    );
    for (const d of doses) {
      if (d.form === 'liquid') expect([d.concentration, d.ml >= 2 && d.ml <= 4]).toEqual([0.5, true]);
      else expect([d.concentration, d.ml <= 4]).toEqual([0.25, true]);
    }
    // treatments of one leg are at least 28 days apart, whatever the course (SPEC §1.4)
    const [{ close }] = await t.db.query(
      `SELECT count(*)::int AS close FROM (
         SELECT s.completed_on - lag(s.completed_on) OVER (PARTITION BY c.patient_id, leg ORDER BY s.completed_on) AS gap
           FROM sessions s JOIN courses c ON c.id = s.course_id CROSS JOIN LATERAL unnest(s.legs) AS leg
          WHERE s.status = 'completed') g WHERE gap < 28`,
    );
    expect(close).toBe(0);
  });

  it('shows a patient with a course per leg and a later course on a treated leg, a late record, and a booking inside its window', async () => {
    const [multi] = await t.db.query(
      `SELECT patient_id FROM courses GROUP BY patient_id HAVING count(*) >= 3 AND count(DISTINCT legs) >= 2`,
    );
    expect(multi).toBeDefined();
    const courses = (await manager.get(`/api/patients/${multi.patient_id}/courses`)).body.items;
    const later = courses.find((c: { state: string }) => c.state === 'not_started');
    expect(later.progress.opensOn > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(later.progress.message).toMatch(/treated in another course: the first session can be from/);

    const [late] = await t.db.query(
      `SELECT id FROM sessions WHERE status = 'completed' AND completed_at - treated_at > interval '12 hours'`,
    );
    expect(late).toBeDefined();
    const session = (await manager.get(`/api/sessions/${late.id}`)).body;
    expect(Date.parse(session.completedAt) - Date.parse(session.treatedAt)).toBeGreaterThan(12 * 3_600_000);

    const flagged = [];
    for (const { patient_id } of await t.db.query(`SELECT DISTINCT patient_id FROM courses`)) {
      const items = (await manager.get(`/api/patients/${patient_id}/courses`)).body.items;
      flagged.push(...items.flatMap((c: { progress: { bookingsInsideWindow: unknown[] } }) => c.progress.bookingsInsideWindow));
    }
    expect(flagged).toEqual([expect.objectContaining({ reasons: [expect.objectContaining({ code: 'INTERVAL_TOO_SHORT' })] })]);
  });
});
