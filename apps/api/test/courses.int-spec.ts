import type { Role } from '@venule/api-contract';
import { Clinic, clinicToday, codesOf, goodCompletion, instantIn, plusDays } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('treatment courses and booking sessions', () => {
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

  describe('planning a course', () => {
    it('plans a course for a clinician, with its state, and warns about every leg not cleared today', async () => {
      const pid = await clinic.patient({ scans: [[20, { left: 'clear' }]] });
      const res = await staff.clinician.post(`/api/patients/${pid}/courses`, {
        legs: ['right', 'left'],
        areas: ['lateral thigh'],
        plannedSessions: 3,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        patientId: pid,
        legs: ['left', 'right'],
        areas: ['lateral thigh'],
        plannedSessions: 3,
        status: 'active',
        state: 'not_started',
        progress: { state: 'not_started', sessionsCompleted: 0, sessionsRemaining: 3 },
        sessions: [],
        consented: false,
        consent: null,
        outcomes: [],
        version: 1,
      });
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'SCAN_REQUIRED', leg: 'right' })]);
      const [audit] = await t.db.query(`SELECT action, fields FROM audit_events WHERE entity = 'course' AND entity_id = $1`, [res.body.id]);
      expect(audit).toMatchObject({ action: 'create' });
    });

    it('never refuses planning for clearance: a referred leg is a warning', async () => {
      const pid = await clinic.patient({ scans: [[10, { left: 'underlying_disease' }]] });
      const res = await staff.clinician.post(`/api/patients/${pid}/courses`, { legs: ['left'], plannedSessions: 2 });
      expect(res.status).toBe(201);
      expect(codesOf({ reasons: res.body.warnings })).toEqual(['REFERRED_FOR_UNDERLYING_DISEASE']);
    });

    it.each([
      [{ legs: [], plannedSessions: 2 }, 'legs'],
      [{ legs: ['middle'], plannedSessions: 2 }, 'legs'],
      [{ legs: ['left'], plannedSessions: 7 }, 'plannedSessions'],
      [{ legs: ['left'], plannedSessions: 0 }, 'plannedSessions'],
      [{ legs: ['left'], plannedSessions: 2, status: 'completed' }, 'status'],
    ])('refuses %j naming %s', async (body, field) => {
      const pid = await clinic.patient();
      const res = await staff.clinician.post(`/api/patients/${pid}/courses`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 404 for an unknown patient', async () => {
      const res = await staff.clinician.post('/api/patients/00000000-0000-4000-8000-000000000000/courses', {
        legs: ['left'],
        plannedSessions: 2,
      });
      expect(res.status).toBe(404);
    });

    it('lets only clinicians plan; admin has no clinical access at all', async () => {
      const pid = await clinic.patient();
      for (const role of ['reception', 'manager', 'admin'] as const) {
        expect((await staff[role].post(`/api/patients/${pid}/courses`, { legs: ['left'], plannedSessions: 2 })).status).toBe(403);
      }
      expect((await staff.admin.get(`/api/patients/${pid}/courses`)).status).toBe(403);
    });

    it("lists a patient's courses only, active first", async () => {
      const pid = await clinic.patient();
      const other = await clinic.patient();
      const first = await clinic.course(pid);
      const second = await clinic.course(pid);
      await clinic.course(other);
      await staff.clinician.patch(`/api/courses/${first}`, { version: 1, status: 'discontinued', discontinuedReason: 'Moved away' });
      const res = await staff.manager.get(`/api/patients/${pid}/courses`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([second, first]);
    });

    it("audits a list of a patient's courses as one read by a clinical role; nothing for reception or an unknown patient", async () => {
      const pid = await clinic.patient();
      await clinic.course(pid);
      const reads = (patientId: string) =>
        t.db.query(`SELECT actor_id, entity_id FROM audit_events WHERE action = 'read' AND entity = 'course' AND patient_id = $1`, [
          patientId,
        ]);
      expect((await staff.reception.get(`/api/patients/${pid}/courses`)).status).toBe(200);
      expect((await staff.clinician.get(`/api/patients/${pid}/courses`)).status).toBe(200);
      expect(await reads(pid)).toEqual([{ actor_id: staff.clinician.userId, entity_id: null }]);
      const unknown = '00000000-0000-4000-8000-000000000001';
      expect((await staff.clinician.get(`/api/patients/${unknown}/courses`)).status).toBe(404);
      expect(await reads(unknown)).toEqual([]);
    });
  });

  describe('consent and outcomes', () => {
    it('records consent (clinicians only) and shows it to clinicians, not to reception', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, {}, null);
      expect((await staff.reception.post(`/api/courses/${cid}/consent`, { consentedOn: today, formVersion: 'v3' })).status).toBe(403);
      const res = await staff.clinician.post(`/api/courses/${cid}/consent`, { consentedOn: today, formVersion: 'v3' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ courseId: cid, consentedOn: today, formVersion: 'v3', recordedBy: staff.clinician.userId });

      const asClinician = await staff.clinician.get(`/api/courses/${cid}`);
      expect(asClinician.body).toMatchObject({ consented: true, consent: { consentedOn: today, formVersion: 'v3' } });
      const asReception = await staff.reception.get(`/api/courses/${cid}`);
      expect(asReception.status).toBe(200);
      expect(asReception.body.consented).toBe(true);
      expect(asReception.body).not.toHaveProperty('consent');
      expect(asReception.body).not.toHaveProperty('outcomes');
    });

    it('refuses a consent dated in the future', async () => {
      const cid = await clinic.course(await clinic.patient(), {}, null);
      const res = await staff.clinician.post(`/api/courses/${cid}/consent`, { consentedOn: plusDays(today, 1), formVersion: 'v3' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('consentedOn');
    });

    it('records patient- and clinician-rated outcomes separately', async () => {
      const cid = await clinic.course(await clinic.patient());
      const p = await staff.clinician.post(`/api/courses/${cid}/outcomes`, {
        assessedOn: today,
        ratedBy: 'patient',
        improvementPercent: 70,
      });
      const c = await staff.clinician.post(`/api/courses/${cid}/outcomes`, {
        assessedOn: today,
        ratedBy: 'clinician',
        improvementPercent: 60,
      });
      expect(p.status).toBe(201);
      expect(c.status).toBe(201);
      expect(
        (await staff.clinician.post(`/api/courses/${cid}/outcomes`, { assessedOn: today, ratedBy: 'patient', improvementPercent: 101 }))
          .status,
      ).toBe(400);
      expect(
        (await staff.clinician.post(`/api/courses/${cid}/outcomes`, { assessedOn: today, ratedBy: 'friend', improvementPercent: 50 }))
          .status,
      ).toBe(400);
      expect(
        (await staff.manager.post(`/api/courses/${cid}/outcomes`, { assessedOn: today, ratedBy: 'patient', improvementPercent: 50 }))
          .status,
      ).toBe(403);
      const course = await staff.manager.get(`/api/courses/${cid}`);
      expect(course.body.outcomes).toEqual([
        expect.objectContaining({ ratedBy: 'patient', improvementPercent: 70, assessedOn: today }),
        expect.objectContaining({ ratedBy: 'clinician', improvementPercent: 60, assessedOn: today }),
      ]);
    });
  });

  describe('closing a course', () => {
    it('closes a course with an outcome; afterwards it takes no changes and no sessions', async () => {
      const cid = await clinic.course(await clinic.patient());
      const booked = await clinic.book(cid, instantIn(3));
      const res = await staff.clinician.patch(`/api/courses/${cid}`, {
        version: 1,
        status: 'completed',
        outcome: { assessedOn: today, ratedBy: 'clinician', improvementPercent: 65 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'completed', state: 'completed', version: 2 });
      expect(res.body.closedAt).toEqual(expect.any(String));
      expect(res.body.outcomes).toEqual([expect.objectContaining({ improvementPercent: 65, ratedBy: 'clinician' })]);
      // the booked session was released
      expect(res.body.sessions).toEqual([expect.objectContaining({ id: booked, status: 'cancelled' })]);

      const again = await staff.clinician.patch(`/api/courses/${cid}`, { version: 2, plannedSessions: 4 });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('COURSE_CLOSED');
      const booking = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(5) });
      expect(booking.status).toBe(422);
      expect(booking.body).toMatchObject({ code: 'COURSE_CLOSED', reasons: [expect.objectContaining({ code: 'COURSE_CLOSED' })] });
      expect((await staff.clinician.post(`/api/courses/${cid}/consent`, { consentedOn: today, formVersion: 'v4' })).body.code).toBe(
        'COURSE_CLOSED',
      );
    });

    it('needs an outcome to close as completed', async () => {
      const cid = await clinic.course(await clinic.patient());
      const res = await staff.clinician.patch(`/api/courses/${cid}`, { version: 1, status: 'completed' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('outcome');
    });

    it('discontinues only with a reason, then refuses bookings with COURSE_CLOSED', async () => {
      const cid = await clinic.course(await clinic.patient());
      const noReason = await staff.clinician.patch(`/api/courses/${cid}`, { version: 1, status: 'discontinued' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('discontinuedReason');
      const res = await staff.clinician.patch(`/api/courses/${cid}`, {
        version: 1,
        status: 'discontinued',
        discontinuedReason: 'Pregnancy',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'discontinued', discontinuedReason: 'Pregnancy', state: 'discontinued' });
      const booking = await staff.clinician.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(1) });
      expect(booking.body.code).toBe('COURSE_CLOSED');
    });

    it('answers 409 to a stale version, and reception/manager may not change a course', async () => {
      const cid = await clinic.course(await clinic.patient());
      expect((await staff.clinician.patch(`/api/courses/${cid}`, { version: 1, plannedSessions: 4 })).status).toBe(200);
      const stale = await staff.clinician.patch(`/api/courses/${cid}`, { version: 1, plannedSessions: 5 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await staff.reception.patch(`/api/courses/${cid}`, { version: 2, plannedSessions: 5 })).status).toBe(403);
      expect((await staff.manager.patch(`/api/courses/${cid}`, { version: 2, plannedSessions: 5 })).status).toBe(403);
    });

    it('the database itself refuses a discontinued course without a reason', async () => {
      const cid = await clinic.course(await clinic.patient());
      await expect(t.db.query(`UPDATE courses SET status = 'discontinued', closed_at = now() WHERE id = $1`, [cid])).rejects.toThrow(
        /courses_discontinued_reason/,
      );
    });
  });

  describe('booking sessions', () => {
    it('lets reception book the first session with sequence, window, warnings and pre-treatment advice', async () => {
      const pid = await clinic.patient({ scans: [[20, { left: 'clear' }]] });
      const cid = await clinic.course(pid, { legs: ['left', 'right'] });
      const when = instantIn(1);
      const res = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: when, clinicianId: staff.clinician.userId });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        courseId: cid,
        patientId: pid,
        sequence: 1,
        status: 'scheduled',
        scheduledOn: plusDays(today, 1),
        clinicianId: staff.clinician.userId,
        window: null,
      });
      expect(new Date(res.body.scheduledFor).getTime()).toBe(new Date(when).getTime());
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'SCAN_REQUIRED', leg: 'right' })]);
      expect(res.body.preTreatment.items.map((i: { code: string }) => i.code)).toEqual(['no_lotions', 'loose_clothing', 'bring_stockings']);
      expect(res.body.preTreatment.items[0].fromDate).toBe(today);
      expect(res.body).not.toHaveProperty('agent');
    });

    it('refuses a session before the window opens and allows one inside it (day 20 vs day 30)', async () => {
      const cid = await clinic.course(await clinic.patient());
      await clinic.pastSession(cid, 0);
      const early = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(20) });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('INTERVAL_TOO_SHORT');
      expect(early.body.reasons).toEqual([
        expect.objectContaining({ code: 'INTERVAL_TOO_SHORT', message: expect.stringContaining('28 days') }),
      ]);
      const ok = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(30) });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ sequence: 2, window: { earliest: plusDays(today, 28), latest: plusDays(today, 84) }, warnings: [] });
    });

    it('counts the window from the last COMPLETED session: a cancelled or missed one does not count', async () => {
      const cid = await clinic.course(await clinic.patient());
      await clinic.pastSession(cid, 40);
      const missed = await clinic.book(cid, instantIn(0, 10));
      expect((await staff.reception.post(`/api/sessions/${missed}/did-not-attend`, { version: 1 })).status).toBe(200);
      const res = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(1) });
      expect(res.status).toBe(201);
      expect(res.body.sequence).toBe(2);
      expect(res.body.window).toEqual({ earliest: plusDays(today, -12), latest: plusDays(today, 44) });
    });

    it('allows a booking beyond 84 days but flags it', async () => {
      const cid = await clinic.course(await clinic.patient());
      await clinic.pastSession(cid, 90);
      const res = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(2) });
      expect(res.status).toBe(201);
      expect(codesOf({ reasons: res.body.warnings })).toEqual(['BEYOND_WINDOW']);
      const course = await staff.reception.get(`/api/courses/${cid}`);
      expect(course.body.state).toBe('overdue');
    });

    it('warns, never refuses, for a leg whose scan will have expired on the booked date', async () => {
      const pid = await clinic.patient({ scans: [[360, { left: 'clear' }]] });
      const cid = await clinic.course(pid);
      const res = await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(10) });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'SCAN_EXPIRED', leg: 'left' })]);
    });

    it('refuses a time without an offset, in the past, or with someone who is not a clinician', async () => {
      const cid = await clinic.course(await clinic.patient());
      expect((await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: '2030-01-01T10:00:00' })).status).toBe(400);
      expect((await staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(-2) })).status).toBe(400);
      const notClinician = await staff.reception.post(`/api/courses/${cid}/sessions`, {
        scheduledFor: instantIn(1),
        clinicianId: staff.manager.userId,
      });
      expect(notClinician.status).toBe(400);
      expect(notClinician.body.errors[0].field).toBe('clinicianId');
    });

    it('never double-books a clinician (DOUBLE_BOOKED), and a cancelled session frees the slot', async () => {
      const a = await clinic.course(await clinic.patient());
      const b = await clinic.course(await clinic.patient());
      const at = instantIn(7);
      const first = await clinic.book(a, at, { clinicianId: staff.clinician.userId });
      const overlap = new Date(new Date(at).getTime() + 15 * 60_000).toISOString();
      const res = await staff.reception.post(`/api/courses/${b}/sessions`, { scheduledFor: overlap, clinicianId: staff.clinician.userId });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('DOUBLE_BOOKED');
      // back to back is fine
      const after = new Date(new Date(at).getTime() + 30 * 60_000).toISOString();
      expect(
        (await staff.reception.post(`/api/courses/${b}/sessions`, { scheduledFor: after, clinicianId: staff.clinician.userId })).status,
      ).toBe(201);
      expect((await staff.reception.post(`/api/sessions/${first}/cancel`, { reason: 'Patient unwell', version: 1 })).status).toBe(200);
      expect(
        (await staff.reception.post(`/api/courses/${b}/sessions`, { scheduledFor: at, clinicianId: staff.clinician.userId })).status,
      ).toBe(201);
    });

    it('races two bookings of one clinician slot: exactly one wins, the other is DOUBLE_BOOKED', async () => {
      const a = await clinic.course(await clinic.patient());
      const b = await clinic.course(await clinic.patient());
      const at = instantIn(9);
      const results = await Promise.all([
        staff.reception.post(`/api/courses/${a}/sessions`, { scheduledFor: at, clinicianId: staff.clinician.userId }),
        staff.clinician.post(`/api/courses/${b}/sessions`, { scheduledFor: at, clinicianId: staff.clinician.userId }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)?.body.code).toBe('DOUBLE_BOOKED');
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM sessions WHERE clinician_id = $1 AND scheduled_for = $2 AND status = 'scheduled'`,
        [staff.clinician.userId, at],
      );
      expect(n).toBe(1);
    });

    it('races two bookings of the last session of a course: the second counts the first, once it holds the course', async () => {
      const cid = await clinic.course(await clinic.patient(), { plannedSessions: 1 });
      const other = await t.signIn('reception');
      const results = await Promise.all([
        staff.reception.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(0, 5) }),
        other.post(`/api/courses/${cid}/sessions`, { scheduledFor: instantIn(0, 6) }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)?.body.reasons.map((r: { code: string }) => r.code)).toEqual(['COURSE_FULLY_BOOKED']);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE course_id = $1 AND status = 'scheduled'`, [cid]);
      expect(n).toBe(1);
    });

    it('races two completions of sessions of one course: exactly one passes the interval check', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid, { plannedSessions: 4 });
      const s1 = await clinic.book(cid, instantIn(0, 5));
      const s2 = await clinic.book(cid, instantIn(0, 6));
      const other = await t.signIn('clinician');
      const results = await Promise.all([
        staff.clinician.post(`/api/sessions/${s1}/complete`, goodCompletion()),
        other.post(`/api/sessions/${s2}/complete`, goodCompletion()),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const refused = results.find((r) => r.status === 422);
      expect(refused?.body.code).toBe('INTERVAL_TOO_SHORT');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE course_id = $1 AND status = 'completed'`, [cid]);
      expect(n).toBe(1);
    });

    it('lets reception and clinicians cancel; a cancelled session cannot be cancelled again or completed', async () => {
      const cid = await clinic.course(await clinic.patient());
      const sid = await clinic.book(cid, instantIn(2));
      expect((await staff.manager.post(`/api/sessions/${sid}/cancel`, { version: 1 })).status).toBe(403);
      const unversioned = await staff.clinician.post(`/api/sessions/${sid}/cancel`, { reason: 'Clinic closed' });
      expect(unversioned.status).toBe(400);
      expect(unversioned.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
      expect((await staff.clinician.post(`/api/sessions/${sid}/cancel`, { reason: 'Clinic closed', version: 2 })).body.code).toBe(
        'VERSION_CONFLICT',
      );
      const res = await staff.clinician.post(`/api/sessions/${sid}/cancel`, { reason: 'Clinic closed', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', statusChangedAt: expect.any(String), version: 2 });
      const again = await staff.reception.post(`/api/sessions/${sid}/cancel`, { version: 2 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('SESSION_NOT_BOOKED');
      const completion = await staff.clinician.post(`/api/sessions/${sid}/complete`, goodCompletion());
      expect(completion.status).toBeGreaterThanOrEqual(400);
      expect(completion.body.reasons.map((r: { code: string }) => r.code)).toContain('SESSION_NOT_BOOKED');
    });

    it('does not mark a future session as not attended', async () => {
      const cid = await clinic.course(await clinic.patient());
      const sid = await clinic.book(cid, instantIn(3));
      const early = await staff.reception.post(`/api/sessions/${sid}/did-not-attend`, { version: 1 });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('SESSION_NOT_DUE');
    });

    it('shows the course due when the window is open and nothing is booked, on track once booked', async () => {
      const cid = await clinic.course(await clinic.patient());
      await clinic.pastSession(cid, 35);
      expect((await staff.reception.get(`/api/courses/${cid}`)).body.progress).toMatchObject({
        state: 'due',
        sessionsCompleted: 1,
        lastCompletedOn: plusDays(today, -35),
        nextWindow: { earliest: plusDays(today, -7), latest: plusDays(today, 49) },
      });
      await clinic.book(cid, instantIn(2));
      expect((await staff.reception.get(`/api/courses/${cid}`)).body.state).toBe('on_track');
    });
  });
});
