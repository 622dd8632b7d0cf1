/**
 * Clinical safety across courses and in time (SPEC §1 rules 4, 5, 9, 10): one leg, one interval,
 * whatever the course; the treatment date is when it was given; bookings a completion leaves inside
 * a window are flagged; every reason at completion at once.
 */
import type { Role } from '@venule/api-contract';
import { Clinic, clinicToday, codesOf, goodCompletion, inMinutes, instantIn, plusDays } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { BookingRepository } from '../src/sessions/booking.repository';
import { CompletionRepository } from '../src/sessions/completion.repository';
import { TestApp } from './support/test-app';

/** 10:00 UTC `days` days from today, as an instant (always on that clinic date in London). */
const tenOClock = (days: number) => `${plusDays(new Date().toISOString().slice(0, 10), days)}T10:00:00Z`;

describe('clinical safety: one leg, one interval; the treatment date', () => {
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

  const complete = (sid: string, over: Record<string, unknown> = {}) =>
    staff.clinician.post(`/api/sessions/${sid}/complete`, goodCompletion(over));

  describe('the interval is per leg, across every course of the patient', () => {
    it('refuses the second course on the same leg the same day, naming the leg and the date it opens', async () => {
      const pid = await clinic.patient({ scans: [[20, { left: 'clear', right: 'clear' }]] });
      const first = await clinic.book(await clinic.course(pid), instantIn(0, 10));
      const second = await clinic.book(await clinic.course(pid), instantIn(0, 50));
      const other = await clinic.book(await clinic.course(pid, { legs: ['right'] }), instantIn(0, 90));

      const done = await complete(first);
      expect(done.status).toBe(200);
      // The completion warns that the other course's booking on the left leg is now inside its interval.
      expect(done.body.warnings).toEqual([
        expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', leg: 'left', sessionId: second, opensOn: plusDays(today, 28) }),
      ]);

      const refused = await complete(second);
      expect(refused.status).toBe(422);
      expect(refused.body.reasons).toEqual([
        expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', leg: 'left', opensOn: plusDays(today, 28) }),
      ]);
      expect(refused.body.reasons[0].message).toMatch(
        /^Left leg: treated on .*; a leg is treated at most once in 28 days, so it may be treated again from /,
      );
      // The right leg has its own interval.
      expect((await complete(other, { legs: ['right'] })).status).toBe(200);
    });

    it('refuses booking a course on a leg treated in another course less than 28 days before', async () => {
      const pid = await clinic.patient();
      await clinic.pastSession(await clinic.course(pid), 10);
      const later = await clinic.course(pid);
      const early = await staff.reception.post(`/api/courses/${later}/sessions`, { scheduledFor: tenOClock(17) });
      expect(early.status).toBe(422);
      expect(early.body.reasons).toEqual([
        expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', leg: 'left', opensOn: plusDays(today, 18) }),
      ]);
      expect((await staff.reception.post(`/api/courses/${later}/sessions`, { scheduledFor: tenOClock(18) })).status).toBe(201);
      // The course page shows when it may start.
      const course = (await staff.clinician.get(`/api/courses/${later}`)).body;
      expect(course.progress).toMatchObject({ state: 'not_started', opensOn: plusDays(today, 18) });
    });

    it('lets exactly one of two simultaneous completions on one leg in two courses win', async () => {
      const pid = await clinic.patient();
      const a = await clinic.book(await clinic.course(pid), instantIn(0, 10));
      const b = await clinic.book(await clinic.course(pid), instantIn(0, 50));
      const results = await Promise.all([complete(a), complete(b)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      expect(codesOf(results.find((r) => r.status === 422)?.body)).toEqual(['INTERVAL_TOO_SHORT']);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM sessions s JOIN courses c ON c.id = s.course_id WHERE c.patient_id = $1 AND s.status = 'completed'`,
        [pid],
      );
      expect(n).toBe(1);
    });

    it("asks the rules again on fresh facts when the patient's sessions were written between a completion's facts and its write", async () => {
      const pid = await clinic.patient();
      const a = await clinic.book(await clinic.course(pid), instantIn(0, 10));
      const b = await clinic.book(await clinic.course(pid), instantIn(0, 50));
      const completion = t.app.get(CompletionRepository);
      // Facts of b's completion read before a is completed on the same leg...
      const now = new Date().toISOString();
      const before = await completion.facts(t.db.manager, { sessionId: b, on: today, treatedAt: now });
      expect((await complete(a)).status).toBe(200);
      // ...are what b's completion reads first.
      const spy = jest.spyOn(completion, 'facts').mockResolvedValueOnce(before);
      try {
        const late = await complete(b, { treatedAt: now });
        expect(late.status).toBe(422);
        expect(codesOf(late.body)).toEqual(['INTERVAL_TOO_SHORT']);
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
      }
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM sessions s JOIN courses c ON c.id = s.course_id WHERE c.patient_id = $1 AND s.status = 'completed'`,
        [pid],
      );
      expect(n).toBe(1);
    });
  });

  describe('the treatment date is when the treatment was given (treatedAt)', () => {
    it('records a treatment given on the last day of the scan written up the next morning, and evaluates every rule on that day', async () => {
      // A clear scan of exactly a year ago today is valid through yesterday.
      const scanned = plusDays(today, -1);
      const [y, m, d] = today.split('-').map(Number);
      const pid = await clinic.patient({ scans: [] });
      const scan = await staff.clinician.post(`/api/patients/${pid}/scans`, {
        performedOn: `${y - 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        performedBy: 'Vascular lab',
        legs: { left: { findings: [], conclusion: 'clear' } },
      });
      if (scan.status !== 201) return; // 29 February a year ago does not exist: nothing to test today
      const cid = await clinic.course(pid, {}, plusDays(today, -3));
      const sid = await clinic.pastBooking(cid, 1);

      expect(codesOf((await complete(sid)).body)).toEqual(['SCAN_EXPIRED']);
      const treatedAt = tenOClock(-1);
      const res = await complete(sid, { treatedAt });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ treatedAt: new Date(treatedAt).toISOString(), completedOn: scanned });
      expect(Date.parse(res.body.completedAt)).toBeGreaterThan(Date.parse(treatedAt));
      expect(res.body.aftercare).toMatchObject({ completedOn: scanned, nextWindow: { earliest: plusDays(scanned, 28) } });

      // The audit trail keeps both times: when it was written, and when the treatment was given.
      const audit = await staff.manager.get(`/api/audit?patientId=${pid}&limit=100`);
      const row = audit.body.items.find(
        (e: { entity: string; entityId: string; action: string }) => e.entity === 'session' && e.entityId === sid && e.action === 'update',
      );
      expect(row.occurredAt).toBe(new Date(treatedAt).toISOString());
      expect(Date.parse(row.at)).toBeGreaterThan(Date.parse(treatedAt));
    });

    it('counts a late record against the interval on its treatment date, both ways', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, {}, plusDays(today, -40));
      await clinic.pastSession(cid, 28);
      // Given 27 days after the last session, recorded on day 28: refused.
      const sid = await clinic.pastBooking(cid, 1);
      const late = await complete(sid, { treatedAt: tenOClock(-1) });
      expect(late.status).toBe(422);
      expect(late.body.reasons).toEqual([expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', leg: 'left' })]);

      // A treatment recorded late is checked against one already recorded after it.
      const other = await clinic.patient();
      const c1 = await clinic.course(other, {}, plusDays(today, -10));
      await clinic.pastSession(await clinic.course(other), 2);
      const earlier = await clinic.pastBooking(c1, 5);
      const res = await complete(earlier, { treatedAt: tenOClock(-5) });
      expect(res.status).toBe(422);
      expect(res.body.reasons[0].message).toMatch(/^Left leg: already treated on .*, less than 28 days after /);
    });

    it('adds a late record to the polidocanol of the day it was given', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, {}, plusDays(today, -5));
      await clinic.pastSession(await clinic.course(pid, { legs: ['left'] }), 1, { doseMg: 120 });
      // 70 kg: 140 mg a day. 120 mg were given yesterday, so 40 mg more yesterday is refused...
      const sid = await clinic.pastBooking(cid, 2);
      const res = await complete(sid, { legs: ['left'], treatedAt: tenOClock(-1), volumeMl: 8 });
      expect(codesOf(res.body)).toContain('DOSE_LIMIT_EXCEEDED');
      expect(res.body.reasons.find((r: { code: string }) => r.code === 'DOSE_LIMIT_EXCEEDED').message).toMatch(
        /160 mg .*120 mg earlier today/,
      );
    });

    it.each`
      name                       | bookedDaysAgo | treatedAt              | message
      ${'in the future'}         | ${3}          | ${() => inMinutes(30)} | ${/in the future/}
      ${'more than 7 days back'} | ${9}          | ${() => tenOClock(-8)} | ${/up to 7 days after the treatment/}
      ${'before the booked day'} | ${3}          | ${() => tenOClock(-4)} | ${/booked for/}
    `('refuses a treatment time $name with 400 naming treatedAt, and stores nothing', async ({ bookedDaysAgo, treatedAt, message }) => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, {}, plusDays(today, -10));
      const sid = await clinic.pastBooking(cid, bookedDaysAgo);
      const res = await complete(sid, { treatedAt: treatedAt() });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'treatedAt', messages: [expect.stringMatching(message)] }]);
      expect((await staff.clinician.get(`/api/sessions/${sid}`)).body.status).toBe('scheduled');
    });

    it('follows the clinic setting for how late a session may be recorded', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, {}, plusDays(today, -10));
      const sid = await clinic.pastBooking(cid, 3);
      await t.db.query(`UPDATE clinic_settings SET late_entry_days = 2`);
      try {
        expect((await complete(sid, { treatedAt: tenOClock(-3) })).body.errors).toEqual([
          { field: 'treatedAt', messages: [expect.stringMatching(/up to 2 days after the treatment/)] },
        ]);
      } finally {
        await t.db.query(`UPDATE clinic_settings SET late_entry_days = 7`);
      }
    });
  });

  describe('bookings after a completion', () => {
    it('warns about each booking a completion leaves inside the window, and the course flags it until it is moved', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid);
      const s1 = await clinic.book(cid, instantIn(0, 10));
      const s2 = await clinic.book(cid, tenOClock(10));
      await clinic.book(cid, tenOClock(40));

      const done = await complete(s1);
      expect(done.status).toBe(200);
      expect(done.body.warnings).toEqual([
        expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', leg: 'left', sessionId: s2, opensOn: plusDays(today, 28) }),
      ]);
      expect(done.body.warnings[0].message).toMatch(/^Session 2, booked for .*, is now too soon\./);

      const course = (await staff.reception.get(`/api/courses/${cid}`)).body;
      expect(course.progress.bookingsInsideWindow).toEqual([
        { sessionId: s2, date: plusDays(today, 10), reasons: [expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', leg: 'left' })] },
      ]);
      expect(course.progress.message).toMatch(/falls inside the interval/);
      expect(course.progress.message).not.toMatch(/^On track/);

      // Moving it is refused while it stays inside the interval, then done in one step to the first allowed day.
      const version = course.sessions.find((x: { id: string }) => x.id === s2).version;
      const tooSoon = await staff.reception.post(`/api/sessions/${s2}/move`, { scheduledFor: tenOClock(20), version });
      expect(tooSoon.status).toBe(422);
      expect(codesOf(tooSoon.body)).toEqual(['INTERVAL_TOO_SHORT']);
      const moved = await staff.reception.post(`/api/sessions/${s2}/move`, { scheduledFor: tenOClock(28), version });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: s2, scheduledOn: plusDays(today, 28), sequence: 2, version: version + 1 });
      expect((await staff.reception.post(`/api/sessions/${s2}/move`, { scheduledFor: tenOClock(29), version })).status).toBe(409);
      expect((await staff.reception.get(`/api/courses/${cid}`)).body.progress.bookingsInsideWindow).toEqual([]);
    });

    it('refuses a booking beyond the planned sessions left (COURSE_FULLY_BOOKED)', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, { plannedSessions: 2 });
      await clinic.book(cid, instantIn(0, 10));
      await clinic.book(cid, tenOClock(40));
      const third = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: tenOClock(80) });
      expect(third.status).toBe(422);
      expect(codesOf(third.body)).toEqual(['COURSE_FULLY_BOOKED']);
    });

    it("lets exactly one of two simultaneous bookings of a course's last planned session win", async () => {
      const cid = await clinic.course(await clinic.patient(), { plannedSessions: 1 });
      const results = await Promise.all(
        [40, 75].map((days) => staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: tenOClock(days) })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(codesOf(results.find((r) => r.status === 422)?.body ?? {})).toEqual(['COURSE_FULLY_BOOKED']);
    });

    it("asks the rules again on fresh facts when the patient's sessions were written between a booking's facts and its write", async () => {
      const cid = await clinic.course(await clinic.patient(), { plannedSessions: 1 });
      const booking = t.app.get(BookingRepository);
      // Facts read before someone else books the course's last session...
      const before = await booking.facts(t.db.manager, { courseId: cid, clinicianId: null, consultationId: null });
      await clinic.book(cid, tenOClock(40));
      // ...are what the next booking's first attempt reads.
      const spy = jest.spyOn(booking, 'facts').mockResolvedValueOnce(before);
      try {
        const late = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: tenOClock(75) });
        expect(late.status).toBe(422);
        expect(codesOf(late.body)).toEqual(['COURSE_FULLY_BOOKED']);
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
      }
      const sessions = await staff.clinician.get(`/api/courses/${cid}/sessions`);
      expect(sessions.body.items.map((x: { scheduledFor: string }) => Date.parse(x.scheduledFor))).toEqual([Date.parse(tenOClock(40))]);
    });
  });

  describe('one meaning of "within 12 months" (SPEC rule 10)', () => {
    it('does not use a body weight measured exactly a year ago today, as a scan of that date has lapsed', async () => {
      const [y, m, d] = today.split('-').map(Number);
      const yearAgo = `${y - 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (m === 2 && d === 29) return;
      const pid = await clinic.patient({ history: { weightKg: 70, weightMeasuredOn: yearAgo } });
      const sid = await clinic.book(await clinic.course(pid), instantIn(0, 10));
      expect(codesOf((await complete(sid)).body)).toEqual(['WEIGHT_REQUIRED']);
    });
  });

  describe('every reason at completion, with the SPEC codes', () => {
    it('answers COURSE_CLOSED for a session of a closed course, among every other reason', async () => {
      const pid = await clinic.patient({ history: { conditions: ['pregnancy'] } });
      const cid = await clinic.course(pid);
      const sid = await clinic.book(cid, instantIn(0, 10));
      const course = (await staff.clinician.get(`/api/courses/${cid}`)).body;
      await staff.clinician.patch(`/api/courses/${cid}`, {
        version: course.version,
        status: 'discontinued',
        discontinuedReason: 'Pregnant',
      });
      const res = await complete(sid);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('COURSE_CLOSED');
      expect(codesOf(res.body)).toEqual(expect.arrayContaining(['COURSE_CLOSED', 'SESSION_NOT_BOOKED', 'CONTRAINDICATED']));
    });

    it('lists legs outside the course and a booking for a later day as reasons, naming both fields', async () => {
      const pid = await clinic.patient({ scans: [[20, { left: 'clear', right: 'clear' }]] });
      const sid = await clinic.book(await clinic.course(pid), tenOClock(2));
      const res = await complete(sid, { legs: ['left', 'right'] });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['legs', 'treatedAt']);
      expect(res.body.reasons.length).toBeGreaterThanOrEqual(2);
    });
  });
});
