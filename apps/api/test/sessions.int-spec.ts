import type { Role } from '@venule/api-contract';
import { Clinic, clinicToday, codesOf, goodCompletion, instantIn, plusDays } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const CLINICAL_FIELDS = [
  'agent',
  'batchNumber',
  'concentrationPercent',
  'volumeMl',
  'doseMg',
  'immediateReactions',
  'adverseEvents',
  'legs',
];

describe('completing sessions behind the clinical gate', () => {
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

  /** A patient, a course with consent (unless told), and a session booked for today. */
  async function bookedSession(
    setup: Parameters<Clinic['patient']>[0] = {},
    course: Record<string, unknown> = {},
    consent: string | null = today,
  ) {
    const pid = await clinic.patient(setup);
    const cid = await clinic.course(pid, course, consent);
    const sid = await clinic.book(cid, instantIn(0, 10));
    return { pid, cid, sid };
  }

  const complete = (sid: string, over: Record<string, unknown> = {}, who: StaffClient = staff.clinician) =>
    who.post(`/api/sessions/${sid}/complete`, goodCompletion(over));

  describe('the happy path', () => {
    it('records what was done, the dose in mg, an audit event, and hands back the dated aftercare', async () => {
      const { cid, sid, pid } = await bookedSession();
      const res = await complete(sid, { immediateReactions: 'Mild urticaria at injection sites, settled in 10 minutes' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: sid,
        status: 'completed',
        completedOn: today,
        completedBy: staff.clinician.userId,
        legs: ['left'],
        agent: 'polidocanol',
        batchNumber: 'B123',
        concentrationPercent: 0.5,
        form: 'liquid',
        volumeMl: 4,
        injections: 12,
        doseMg: 20,
        compression: { mmHg: 20, hours: 72 },
        checklist: { noLotions: true, stockingsBrought: true },
        courseStatus: 'active',
        warnings: [],
      });
      expect(res.body.aftercare).toMatchObject({
        sessionId: sid,
        completedOn: today,
        nextWindow: { earliest: plusDays(today, 28), latest: plusDays(today, 84) },
      });
      const [audit] = await t.db.query(
        `SELECT action, fields FROM audit_events WHERE entity = 'session' AND entity_id = $1 AND action = 'update'`,
        [sid],
      );
      expect(audit.fields).toEqual(expect.arrayContaining(['status', 'agent', 'volumeMl']));
      const course = await staff.clinician.get(`/api/courses/${cid}`);
      expect(course.body.progress).toMatchObject({ state: 'on_track', sessionsCompleted: 1, lastCompletedOn: today });
      expect(course.body.patientId).toBe(pid);
    });

    it('completes the course when its planned sessions are done, and cancels what is still booked', async () => {
      const { cid, sid } = await bookedSession({}, { plannedSessions: 1 });
      const res = await complete(sid);
      expect(res.status).toBe(200);
      expect(res.body.courseStatus).toBe('completed');
      const course = await staff.clinician.get(`/api/courses/${cid}`);
      expect(course.body).toMatchObject({ status: 'completed', state: 'completed', closedAt: expect.any(String) });
    });

    it('shows reception the booking but none of the clinical detail', async () => {
      const { cid, sid } = await bookedSession();
      await complete(sid);
      for (const path of [`/api/courses/${cid}/sessions`, `/api/courses/${cid}`]) {
        const res = await staff.reception.get(path);
        expect(res.status).toBe(200);
        const [session] = path.endsWith('sessions') ? res.body.items : res.body.sessions;
        expect(session).toMatchObject({ id: sid, sequence: 1, status: 'completed', completedOn: today });
        for (const field of CLINICAL_FIELDS) expect(session).not.toHaveProperty(field);
      }
      const one = await staff.reception.get(`/api/sessions/${sid}`);
      for (const field of CLINICAL_FIELDS) expect(one.body).not.toHaveProperty(field);
      // Booked with no clinician, it still says who treated, for reception as for everyone.
      const [me] = await t.db.query(`SELECT display_name FROM users WHERE id = $1`, [staff.clinician.userId]);
      expect(one.body).toMatchObject({ clinicianName: null, completedByName: me.display_name });
      const asManager = await staff.manager.get(`/api/courses/${cid}/sessions`);
      expect(asManager.body.items[0]).toMatchObject({
        agent: 'polidocanol',
        doseMg: 20,
        batchNumber: 'B123',
        completedByName: me.display_name,
      });
      expect((await staff.admin.get(`/api/courses/${cid}/sessions`)).status).toBe(403);
      expect((await staff.admin.get(`/api/sessions/${sid}`)).status).toBe(403);
    });

    it('lets only clinicians complete a session', async () => {
      const { sid } = await bookedSession();
      for (const role of ['reception', 'manager', 'admin'] as const) expect((await complete(sid, {}, staff[role])).status).toBe(403);
    });

    it('completes a session on or after its booked day, not before', async () => {
      const pid = await clinic.patient();
      const cid = await clinic.course(pid);
      const sid = await clinic.book(cid, instantIn(2));
      const res = await complete(sid);
      // SPEC rule 9: a treatment before the booked day is refused naming treatedAt.
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'treatedAt', messages: [expect.stringMatching(/booked for/)] }]);
    });

    it('refuses treating a leg the course does not cover (400) and an unknown field (400)', async () => {
      const { sid } = await bookedSession({ scans: [[20, { left: 'clear', right: 'clear' }]] });
      const leg = await complete(sid, { legs: ['right'] });
      expect(leg.status).toBe(400);
      expect(leg.body.errors[0].field).toBe('legs');
      const unknown = await complete(sid, { doseMg: 5 });
      expect(unknown.status).toBe(400);
      expect((await complete(sid, { volumeMl: 2.555 })).status).toBe(400);
    });
  });

  describe('refusals: 422 with every reason that applies', () => {
    it.each<[string, Parameters<Clinic['patient']>[0], Record<string, unknown>, string[]]>([
      ['an unscanned treated leg', { scans: [[20, { left: 'clear' }]] }, { legs: ['left', 'right'] }, ['SCAN_REQUIRED']],
      ['an expired scan', { scans: [[400, { left: 'clear' }]] }, {}, ['SCAN_EXPIRED']],
      [
        'a newer scan finding underlying disease',
        {
          scans: [
            [200, { left: 'clear' }],
            [10, { left: 'underlying_disease' }],
          ],
        },
        {},
        ['REFERRED_FOR_UNDERLYING_DISEASE'],
      ],
      ['an inconclusive scan', { scans: [[10, { left: 'inconclusive' }]] }, {}, ['SCAN_INCONCLUSIVE']],
      ['no medical history', { history: false }, {}, ['MEDICAL_HISTORY_REQUIRED', 'WEIGHT_REQUIRED']],
      ['an absolute contraindication', { history: { conditions: ['pregnancy'] } }, {}, ['CONTRAINDICATED']],
      ['a patient under 18', { dateOfBirth: plusDays(clinicToday(), -17 * 366) }, {}, ['UNDER_18']],
      ['no weight for polidocanol', { history: { weightKg: null, weightMeasuredOn: null } }, {}, ['WEIGHT_REQUIRED']],
      ['150 mg for 70 kg', {}, { concentrationPercent: 1, volumeMl: 15 }, ['DOSE_LIMIT_EXCEEDED']],
      ['12 mL of foam', {}, { form: 'foam', concentrationPercent: 0.25, volumeMl: 12 }, ['DOSE_LIMIT_EXCEEDED']],
      ['an unusual concentration without a reason', {}, { concentrationPercent: 1.5, volumeMl: 2 }, ['CONFIRMATION_REQUIRED']],
      [
        'an allergy tendency without the test injection',
        { history: { conditions: ['allergy_tendency'], acknowledgements: { allergy_tendency: 'Hay fever; test dose first' } } },
        {},
        ['CONFIRMATION_REQUIRED'],
      ],
    ])('refuses %s', async (_, setup, body, expected) => {
      const { sid } = await bookedSession(setup, { legs: body['legs'] ? ['left', 'right'] : ['left'] });
      const res = await complete(sid, body);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(codesOf(res.body).sort()).toEqual([...expected].sort());
      expect(res.body.code).toBe(res.body.reasons[0].code);
      const [{ status }] = await t.db.query(`SELECT status FROM sessions WHERE id = $1`, [sid]);
      expect(status).toBe('scheduled');
    });

    it('names the leg in a leg reason', async () => {
      const { sid } = await bookedSession({ scans: [[20, { left: 'clear' }]] }, { legs: ['left', 'right'] });
      const res = await complete(sid, { legs: ['left', 'right'] });
      expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'SCAN_REQUIRED', leg: 'right' })]);
    });

    it('lists every reason at once: no consent, no history, no weight', async () => {
      const { sid } = await bookedSession({ history: false }, {}, null);
      const res = await complete(sid);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CONSENT_REQUIRED');
      expect(codesOf(res.body).sort()).toEqual(['CONSENT_REQUIRED', 'MEDICAL_HISTORY_REQUIRED', 'WEIGHT_REQUIRED']);
    });

    it('accepts an unusual concentration and the test injection once confirmed with a reason', async () => {
      const { sid } = await bookedSession({
        history: { conditions: ['allergy_tendency'], acknowledgements: { allergy_tendency: 'Hay fever' } },
      });
      const res = await complete(sid, {
        concentrationPercent: 1.5,
        volumeMl: 2,
        confirmations: [
          { code: 'UNUSUAL_CONCENTRATION', reason: 'Reticular feeder vein' },
          { code: 'TEST_INJECTION', reason: 'Single test injection, no reaction after 15 minutes' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.doseMg).toBe(30);
      expect(res.body.confirmations).toHaveLength(2);
    });

    it('refuses CONSENT_REQUIRED without consent, then completes once consent is recorded', async () => {
      const { cid, sid } = await bookedSession({}, {}, null);
      expect(codesOf((await complete(sid)).body)).toEqual(['CONSENT_REQUIRED']);
      await staff.clinician.post(`/api/courses/${cid}/consent`, { consentedOn: today, formVersion: 'v3' });
      expect((await complete(sid)).status).toBe(200);
    });

    it('refuses INTERVAL_TOO_SHORT when a session of the course was completed less than 28 days ago', async () => {
      const { cid, sid } = await bookedSession();
      await clinic.pastSession(cid, 10);
      const res = await complete(sid);
      expect(res.status).toBe(422);
      expect(codesOf(res.body)).toEqual(['INTERVAL_TOO_SHORT']);
    });

    it('refuses COURSE_CLOSED for a session left booked on a closed course', async () => {
      const { cid, sid } = await bookedSession();
      await t.db.query(`UPDATE courses SET status = 'completed', closed_at = now() WHERE id = $1`, [cid]);
      const res = await complete(sid);
      expect(res.status).toBe(422);
      expect(codesOf(res.body)).toEqual(['COURSE_CLOSED']);
    });

    it("counts the polidocanol given the same day in the patient's other courses", async () => {
      const pid = await clinic.patient({ scans: [[20, { left: 'clear', right: 'clear' }]] });
      const left = await clinic.course(pid, { legs: ['left'] });
      const right = await clinic.course(pid, { legs: ['right'] });
      const a = await clinic.book(left, instantIn(0, 10));
      const b = await clinic.book(right, instantIn(0, 12));
      expect((await complete(a, { concentrationPercent: 1, volumeMl: 10 })).status).toBe(200); // 100 mg
      const res = await complete(b, { legs: ['right'], concentrationPercent: 1, volumeMl: 5 }); // +50 mg > 140 mg
      expect(res.status).toBe(422);
      expect(codesOf(res.body)).toEqual(['DOSE_LIMIT_EXCEEDED']);
      expect(res.body.reasons[0].message).toMatch(/150 mg/);
      expect((await complete(b, { legs: ['right'], concentrationPercent: 1, volumeMl: 4 })).status).toBe(200); // 140 mg: at the limit
    });

    it("gives the completion form the day's dose the completion checks, whichever course it is opened from", async () => {
      const pid = await clinic.patient({ scans: [[20, { left: 'clear', right: 'clear' }]] });
      const left = await clinic.course(pid, { legs: ['left'] });
      const right = await clinic.course(pid, { legs: ['right'] });
      const a = await clinic.book(left, instantIn(0, 9));
      const b = await clinic.book(right, instantIn(0, 11));
      const facts = async (sid: string, query = '') => {
        const res = await staff.clinician.get(`/api/sessions/${sid}/completion-facts${query}`);
        expect(res.status).toBe(200);
        return res.body;
      };
      expect(await facts(b)).toMatchObject({
        on: today,
        polidocanolMgSameDay: 0,
        completedSessionsBefore: 0,
        weightKg: 70,
        conditions: [],
      });
      expect((await complete(a, { concentrationPercent: 0.5, volumeMl: 4 })).status).toBe(200); // 20 mg
      // Opened from the other course, the meter starts from the 20 mg given on the first.
      expect(await facts(b)).toMatchObject({ on: today, polidocanolMgSameDay: 20, completedSessionsBefore: 1 });
      // What the API then checks is that same total: 20 + 130 mg is over 140 mg, 20 + 120 is not.
      const over = await complete(b, { legs: ['right'], concentrationPercent: 1, volumeMl: 13 });
      expect(codesOf(over.body)).toEqual(['DOSE_LIMIT_EXCEEDED']);
      expect(over.body.reasons[0].message).toMatch(/150 mg/);
      expect((await complete(b, { legs: ['right'], concentrationPercent: 1, volumeMl: 12 })).status).toBe(200);
      // A session's own dose is never counted as given before it; yesterday has nothing.
      expect(await facts(b)).toMatchObject({ polidocanolMgSameDay: 20 });
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      expect(await facts(b, `?treatedAt=${encodeURIComponent(yesterday)}`)).toMatchObject({
        on: plusDays(today, -1),
        polidocanolMgSameDay: 0,
      });
    });

    it('answers the completion facts to clinicians only, and names a bad treatedAt', async () => {
      const { sid } = await bookedSession();
      expect((await staff.reception.get(`/api/sessions/${sid}/completion-facts`)).status).toBe(403);
      expect((await staff.manager.get(`/api/sessions/${sid}/completion-facts`)).status).toBe(403);
      const bad = await staff.clinician.get(`/api/sessions/${sid}/completion-facts?treatedAt=yesterday`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0]?.field ?? bad.body.field).toBe('treatedAt');
    });
  });

  describe('adverse events', () => {
    it('records a mild hyperpigmentation on a completed session, shown to clinicians and managers only', async () => {
      const { sid } = await bookedSession();
      await complete(sid);
      const body = { type: 'hyperpigmentation', severity: 'mild', onsetOn: today, notes: 'Brown marks along treated vein' };
      expect((await staff.reception.post(`/api/sessions/${sid}/adverse-events`, body)).status).toBe(403);
      expect((await staff.manager.post(`/api/sessions/${sid}/adverse-events`, body)).status).toBe(403);
      const res = await staff.clinician.post(`/api/sessions/${sid}/adverse-events`, body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        sessionId: sid,
        type: 'hyperpigmentation',
        severity: 'mild',
        onsetOn: today,
        resolved: false,
        resolvedOn: null,
      });
      expect((await staff.manager.get(`/api/sessions/${sid}/adverse-events`)).body.items).toHaveLength(1);
      expect((await staff.reception.get(`/api/sessions/${sid}/adverse-events`)).status).toBe(403);
      expect((await staff.clinician.get(`/api/sessions/${sid}`)).body.adverseEvents).toEqual([
        expect.objectContaining({ id: res.body.id }),
      ]);
    });

    it('refuses an event before the session, an unknown type, or on a session not completed', async () => {
      const { sid } = await bookedSession();
      const notCompleted = await staff.clinician.post(`/api/sessions/${sid}/adverse-events`, {
        type: 'matting',
        severity: 'mild',
        onsetOn: today,
      });
      expect(notCompleted.status).toBe(409);
      expect(notCompleted.body.code).toBe('SESSION_NOT_COMPLETED');
      await complete(sid);
      const early = await staff.clinician.post(`/api/sessions/${sid}/adverse-events`, {
        type: 'matting',
        severity: 'mild',
        onsetOn: plusDays(today, -1),
      });
      expect(early.status).toBe(400);
      expect(early.body.errors[0].field).toBe('onsetOn');
      expect(
        (await staff.clinician.post(`/api/sessions/${sid}/adverse-events`, { type: 'bruise', severity: 'mild', onsetOn: today })).status,
      ).toBe(400);
      expect(
        (await staff.clinician.post(`/api/sessions/${sid}/adverse-events`, { type: 'dvt', severity: 'fatal', onsetOn: today })).status,
      ).toBe(400);
    });

    it('marks an event resolved later, once, on a date from its onset to today, and audits the change', async () => {
      const { sid } = await bookedSession();
      await complete(sid);
      const logged = await staff.clinician.post(`/api/sessions/${sid}/adverse-events`, {
        type: 'matting',
        severity: 'moderate',
        onsetOn: today,
      });
      const id = logged.body.id as string;
      expect((await staff.manager.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: today })).status).toBe(403);
      expect((await staff.reception.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: today })).status).toBe(403);

      const early = await staff.clinician.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: plusDays(today, -1) });
      expect(early.status).toBe(400);
      expect(early.body.errors[0].field).toBe('resolvedOn');
      expect((await staff.clinician.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: plusDays(today, 1) })).status).toBe(400);
      expect((await staff.clinician.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: '2026-02-30' })).body.errors[0].field).toBe(
        'resolvedOn',
      );
      expect((await staff.clinician.get(`/api/sessions/${sid}/adverse-events`)).body.items[0]).toMatchObject({
        resolved: false,
        resolvedOn: null,
        version: 1,
      });

      const done = await staff.clinician.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: today });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ id, type: 'matting', resolved: true, resolvedOn: today, version: 2 });
      expect((await staff.manager.get(`/api/sessions/${sid}/adverse-events`)).body.items[0]).toMatchObject({
        resolved: true,
        resolvedOn: today,
      });
      const again = await staff.clinician.post(`/api/adverse-events/${id}/resolve`, { resolvedOn: today });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ADVERSE_EVENT_ALREADY_RESOLVED');
      expect((await staff.clinician.post(`/api/adverse-events/${sid}/resolve`, { resolvedOn: today })).status).toBe(404);

      const trail = await staff.manager.get('/api/audit?entity=adverse_event&action=update');
      expect(trail.body.items.filter((e: { entityId: string }) => e.entityId === id)).toEqual([
        expect.objectContaining({ fields: ['resolved', 'resolvedOn'] }),
      ]);
    });
  });
});
