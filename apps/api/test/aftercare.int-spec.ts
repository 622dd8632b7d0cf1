import type { Role } from '@venule/api-contract';
import { aftercarePlan, makePolicy, preTreatmentAdvice } from '@venule/clinical-rules';
import { Clinic, clinicToday, goodCompletion, inMinutes, instantIn, plusDays } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('dated aftercare and pre-treatment advice', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let clinic: Clinic;
  const today = clinicToday();

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    clinic = new Clinic(t, staff.reception, staff.clinician);
  });
  afterAll(() => t.stop());

  async function completedSession() {
    const cid = await clinic.course(await clinic.patient());
    const sid = await clinic.book(cid, instantIn(0, 10));
    const res = await staff.clinician.post(`/api/sessions/${sid}/complete`, goodCompletion());
    expect(res.status).toBe(200);
    return sid;
  }

  it("gives reception, clinicians and managers today's plan: +3, +14, +28 days and the window +28/+84", async () => {
    const sid = await completedSession();
    for (const role of ['reception', 'clinician', 'manager'] as const) {
      const res = await staff[role].get(`/api/sessions/${sid}/aftercare`);
      expect(res.status).toBe(200);
      const until = Object.fromEntries(res.body.items.map((i: { code: string; until: string }) => [i.code, i.until]));
      expect(Object.keys(until)).toEqual([
        'walk',
        'hosiery_day_and_night',
        'hosiery_daytime',
        'avoid_heat',
        'avoid_sun',
        'avoid_high_impact',
        'avoid_waxing',
        'elevate_legs',
      ]);
      expect(until['walk']).toBe(today);
      // 72 hours from now: today + 3, or + 4 when the clocks change or it is late in the evening
      expect([plusDays(today, 3), plusDays(today, 4)]).toContain(until['hosiery_day_and_night']);
      expect(until['avoid_heat']).toBe(plusDays(today, 14));
      expect(until['avoid_high_impact']).toBe(plusDays(today, 14));
      expect(until['elevate_legs']).toBe(plusDays(today, 14));
      expect(until['avoid_sun']).toBe(plusDays(today, 28));
      expect(until['avoid_waxing']).toBe(plusDays(today, 28));
      expect(res.body.nextWindow).toEqual({ earliest: plusDays(today, 28), latest: plusDays(today, 84) });
      expect(res.body).toMatchObject({ sessionId: sid, completedOn: today });
    }
    expect((await staff.admin.get(`/api/sessions/${sid}/aftercare`)).status).toBe(403);
  });

  it('matches the rules library exactly for a fixed completion (late evening before the clocks go forward)', async () => {
    const sid = await completedSession();
    const completedAt = '2026-03-28T22:30:00.000Z';
    await t.db.query(`UPDATE sessions SET completed_at = $2, treated_at = $2, completed_on = '2026-03-28' WHERE id = $1`, [
      sid,
      completedAt,
    ]);
    const res = await staff.reception.get(`/api/sessions/${sid}/aftercare`);
    const plan = aftercarePlan(completedAt, 'Europe/London', makePolicy());
    expect(res.body).toEqual({
      sessionId: sid,
      completedAt,
      treatedAt: completedAt,
      completedOn: '2026-03-28',
      items: plan.items,
      nextWindow: plan.nextWindow,
    });
    expect(res.body.items.find((i: { code: string }) => i.code === 'hosiery_day_and_night').until).toBe('2026-03-31');
  });

  it('uses the clinic settings for the next window', async () => {
    const sid = await completedSession();
    await t.db.query(`UPDATE clinic_settings SET min_interval_days = 35, max_interval_days = 90`);
    try {
      const res = await staff.clinician.get(`/api/sessions/${sid}/aftercare`);
      expect(res.body.nextWindow).toEqual({ earliest: plusDays(today, 35), latest: plusDays(today, 90) });
    } finally {
      await t.db.query(`UPDATE clinic_settings SET min_interval_days = 28, max_interval_days = 84`);
    }
  });

  it('has no plan for a session not completed (404), but pre-treatment advice for a booked one', async () => {
    const cid = await clinic.course(await clinic.patient());
    const when = instantIn(1, 60); // more than 24 hours ahead: the advice starts the day before
    const sid = await clinic.book(cid, when);
    const none = await staff.reception.get(`/api/sessions/${sid}/aftercare`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NO_AFTERCARE_YET');
    expect(none.body.detail).toMatch(/not been completed/);
    const advice = await staff.reception.get(`/api/sessions/${sid}/pre-treatment`);
    expect(advice.status).toBe(200);
    const stored = new Date(when).toISOString();
    const expected = preTreatmentAdvice(stored, 'Europe/London', new Date().toISOString());
    expect(advice.body).toEqual(expected);
    expect(Date.parse(advice.body.items[0].from)).toBe(Date.parse(stored) - 86_400_000);
    expect((await staff.reception.post(`/api/sessions/${sid}/cancel`, { version: 1 })).status).toBe(200);
    const noAdvice = await staff.reception.get(`/api/sessions/${sid}/pre-treatment`);
    expect(noAdvice.status).toBe(404);
    expect(noAdvice.body.code).toBe('NO_PRE_TREATMENT_ADVICE');
    const unknown = await staff.clinician.get('/api/sessions/00000000-0000-4000-8000-000000000000/aftercare');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('words the advice for the time left: booked for later today, no lotion from now', async () => {
    const cid = await clinic.course(await clinic.patient());
    const sid = await clinic.book(cid, inMinutes(120));
    const advice = await staff.reception.get(`/api/sessions/${sid}/pre-treatment`);
    expect(advice.body.items[0].text).toMatch(
      /^Do not put any lotion, cream or oil on your legs from now until your appointment at \d{2}:\d{2} on /,
    );
    expect(Date.parse(advice.body.items[0].from)).toBeLessThanOrEqual(Date.now());
  });
});
