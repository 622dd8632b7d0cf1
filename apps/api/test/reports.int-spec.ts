import type { CourseProgressRow, Leg, Role } from '@venule/api-contract';
import { courseState, legTreatments, makePolicy, scanValidUntil, type CourseSessionFacts } from '@venule/clinical-rules';
import { Clinic, clinicToday, instantIn, plusDays } from './courses.fixtures';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/**
 * The managers' reports on a hand-built clinic whose right answers are worked out below
 * (policy 28/84 days; "d" = days ago). Clinician A gives every session except course J's.
 *
 *   course  planned  completed sessions   booked   state        overdue list / recall list
 *   A       4        100d (+AE mild)      -        overdue 16   overdue
 *   B       3        90d                  in 5d    overdue 6    - (booked)
 *   C       3        40d (+ a DNA 45d)    -        due          recall (window open)
 *   D       3        40d                  in 7d    on_track     -
 *   E both  3        20d                  -        on_track     recall (opens in 8d)
 *   F       3        5d                   -        on_track     - (opens in 23d); clear scan 350d old runs out
 *   G       2        -                    -        not_started  -  (planned by clinician B)
 *   H       2        100d, 60d; closed completed, ratings patient 70 / clinician 60
 *   I       4        50d; discontinued
 *   J       5        150d, 110d, 10d by B (+AE moderate); ratings patient 40 then 80 / clinician 50
 */
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('reports', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let clinicianB: StaffClient;
  const today = clinicToday();
  const ids: Record<string, string> = {};
  const patients: Record<string, string> = {};

  const outcome = (client: StaffClient, course: string, ratedBy: string, improvementPercent: number, daysAgo = 1) =>
    client.post(`/api/courses/${course}/outcomes`, { assessedOn: plusDays(today, -daysAgo), ratedBy, improvementPercent });

  async function close(course: string, body: Record<string, unknown>) {
    const { body: c } = await staff.clinician.get(`/api/courses/${course}`);
    const res = await staff.clinician.patch(`/api/courses/${course}`, { version: c.version, ...body });
    if (res.status !== 200) throw new Error(`close: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function adverseEvent(session: string, type: string, severity: string, by: string) {
    await t.db.query(`INSERT INTO adverse_events (session_id, type, severity, onset_on, recorded_by) VALUES ($1, $2, $3, $4, $5)`, [
      session,
      type,
      severity,
      today,
      by,
    ]);
  }

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    clinicianB = await t.signIn('clinician');
    const a = new Clinic(t, staff.reception, staff.clinician);
    const b = new Clinic(t, staff.reception, clinicianB);
    const scanned = { scans: [[200, { left: 'clear' }]] as [number, { left: string }][] };

    for (const key of ['A', 'B', 'C', 'D', 'E', 'H', 'I', 'J']) patients[key] = await a.patient(scanned);
    patients['F'] = await a.patient({ scans: [[350, { left: 'clear' }]] });
    patients['G'] = await b.patient(scanned);

    ids['A'] = await a.course(patients['A'], { plannedSessions: 4 });
    await adverseEvent(await a.pastSession(ids['A'], 100), 'hyperpigmentation', 'mild', staff.clinician.userId);
    ids['B'] = await a.course(patients['B']);
    await a.pastSession(ids['B'], 90);
    await a.book(ids['B'], instantIn(5));
    ids['C'] = await a.course(patients['C']);
    await a.pastSession(ids['C'], 40);
    await t.db.query(
      `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, status, booked_by, status_changed_at)
       VALUES ($1, 2, now() - interval '45 days', now() - interval '45 days' + interval '30 minutes', $2, 'did_not_attend', $2, now())`,
      [ids['C'], staff.clinician.userId],
    );
    ids['D'] = await a.course(patients['D']);
    await a.pastSession(ids['D'], 40);
    await a.book(ids['D'], instantIn(7));
    // A booking whose day has passed without being marked attended or missed: the next session is
    // still the one in a week.
    await t.db.query(
      `INSERT INTO sessions (course_id, sequence, scheduled_for, ends_at, clinician_id, status, booked_by)
       VALUES ($1, 3, now() - interval '10 days', now() - interval '10 days' + interval '30 minutes', $2, 'scheduled', $2)`,
      [ids['D'], staff.clinician.userId],
    );
    ids['E'] = await a.course(patients['E'], { legs: ['left', 'right'] });
    await a.pastSession(ids['E'], 20);
    ids['F'] = await a.course(patients['F']);
    await a.pastSession(ids['F'], 5);
    ids['G'] = await b.course(patients['G'], { plannedSessions: 2 });
    ids['H'] = await a.course(patients['H'], { plannedSessions: 2 });
    await a.pastSession(ids['H'], 100);
    await a.pastSession(ids['H'], 60);
    await outcome(staff.clinician, ids['H'], 'patient', 70);
    await outcome(staff.clinician, ids['H'], 'clinician', 60);
    await close(ids['H'], { status: 'completed' });
    ids['I'] = await a.course(patients['I'], { plannedSessions: 4 });
    await a.pastSession(ids['I'], 50);
    await close(ids['I'], { status: 'discontinued', discontinuedReason: 'Moved away' });
    ids['J'] = await b.course(patients['J'], { plannedSessions: 5 });
    await b.pastSession(ids['J'], 150);
    await b.pastSession(ids['J'], 110);
    await adverseEvent(await b.pastSession(ids['J'], 10), 'matting', 'moderate', clinicianB.userId);
    await outcome(clinicianB, ids['J'], 'patient', 40, 20);
    await outcome(clinicianB, ids['J'], 'patient', 80, 2);
    await outcome(clinicianB, ids['J'], 'clinician', 50, 2);
  });
  afterAll(() => t.stop());

  const courseOf = (row: { courseId: string }) => Object.keys(ids).find((k) => ids[k] === row.courseId);

  describe('course progress', () => {
    it('lists every active course with its state, sessions, dates, clinician and latest ratings, most overdue first', async () => {
      const res = await staff.manager.get('/api/reports/course-progress');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 8, limit: 50, offset: 0 });
      const rows: CourseProgressRow[] = res.body.items;
      expect(rows.slice(0, 4).map(courseOf)).toEqual(['A', 'B', 'C', 'G']);
      expect(new Set(rows.slice(4).map(courseOf))).toEqual(new Set(['D', 'E', 'F', 'J']));
      const by = Object.fromEntries(rows.map((r) => [courseOf(r), r]));
      expect(
        Object.fromEntries((Object.entries(by) as [string, CourseProgressRow][]).map(([k, r]) => [k, [r.state, r.daysOverdue]])),
      ).toEqual({
        A: ['overdue', 16],
        B: ['overdue', 6],
        C: ['due', 0],
        D: ['on_track', 0],
        E: ['on_track', 0],
        F: ['on_track', 0],
        G: ['not_started', 0],
        J: ['on_track', 0],
      });
      expect(by['B']).toMatchObject({
        patientId: patients['B'],
        legs: ['left'],
        clinicianId: staff.clinician.userId,
        clinicianName: 'Test clinician',
        plannedOn: today,
        sessionsCompleted: 1,
        plannedSessions: 3,
        lastSessionOn: plusDays(today, -90),
        nextSessionOn: plusDays(today, 5),
        patientRatedImprovement: null,
        clinicianRatedImprovement: null,
      });
      expect(by['B'].clinicNumber).toMatch(/^VN-\d{6}$/);
      expect(by['B'].patientName).toMatch(/^Course Patient /);
      expect(by['J']).toMatchObject({
        clinicianId: clinicianB.userId,
        sessionsCompleted: 3,
        lastSessionOn: plusDays(today, -10),
        nextSessionOn: null,
        patientRatedImprovement: 80,
        clinicianRatedImprovement: 50,
      });
      expect(by['G']).toMatchObject({ clinicianId: clinicianB.userId, lastSessionOn: null, sessionsCompleted: 0 });
      expect(by['D'].nextSessionOn).toBe(plusDays(today, 7));
    });

    it('filters by state, clinician, leg and planning date, and the filters combine', async () => {
      const list = async (query: string) => {
        const res = await staff.manager.get(`/api/reports/course-progress?${query}`);
        expect(res.status).toBe(200);
        return { total: res.body.total, courses: res.body.items.map(courseOf).sort() };
      };
      expect(await list('state=overdue')).toEqual({ total: 2, courses: ['A', 'B'] });
      expect(await list('state=due')).toEqual({ total: 1, courses: ['C'] });
      expect(await list(`clinicianId=${clinicianB.userId}`)).toEqual({ total: 2, courses: ['G', 'J'] });
      expect(await list(`clinicianId=${clinicianB.userId}&state=on_track`)).toEqual({ total: 1, courses: ['J'] });
      expect(await list('leg=right')).toEqual({ total: 1, courses: ['E'] });
      expect(await list(`from=${today}&to=${today}`)).toMatchObject({ total: 8 });
      expect(await list(`from=${plusDays(today, 1)}`)).toEqual({ total: 0, courses: [] });
      expect(await list(`to=${plusDays(today, -1)}`)).toEqual({ total: 0, courses: [] });
    });

    it('sorts by a whitelisted column either way and pages with the total of all matches', async () => {
      const names = async (query: string) =>
        (await staff.manager.get(`/api/reports/course-progress?${query}`)).body.items.map((r: CourseProgressRow) => r.patientName);
      const asc = await names('sort=patientName');
      expect(asc).toEqual(
        [...asc].sort((x: string, y: string) => x.split(' ').slice(1).join(' ').localeCompare(y.split(' ').slice(1).join(' '))),
      );
      expect(await names('sort=patientName&direction=desc')).toEqual([...asc].reverse());
      const bySessions = await staff.manager.get('/api/reports/course-progress?sort=sessionsCompleted&direction=desc');
      expect(courseOf(bySessions.body.items[0])).toBe('J');
      expect(courseOf(bySessions.body.items.at(-1))).toBe('G');
      const byNext = await staff.manager.get('/api/reports/course-progress?sort=nextSessionOn');
      expect(byNext.body.items.slice(0, 2).map(courseOf)).toEqual(['B', 'D']);

      const first = await staff.manager.get('/api/reports/course-progress?limit=3');
      const second = await staff.manager.get('/api/reports/course-progress?limit=3&offset=3');
      const last = await staff.manager.get('/api/reports/course-progress?limit=3&offset=6');
      const beyond = await staff.manager.get('/api/reports/course-progress?limit=3&offset=20');
      expect([first, second, last, beyond].map((r) => [r.body.items.length, r.body.total, r.body.limit, r.body.offset])).toEqual([
        [3, 8, 3, 0],
        [3, 8, 3, 3],
        [2, 8, 3, 6],
        [0, 8, 3, 20],
      ]);
      const paged = [first, second, last].flatMap((r) => r.body.items.map(courseOf));
      expect(new Set(paged).size).toBe(8);
    });

    it('answers bad questions with 400 naming the field', async () => {
      for (const [query, field] of [
        ['state=completed', 'state'],
        ['sort=password_hash', 'sort'],
        ['direction=sideways', 'direction'],
        ['leg=both', 'leg'],
        ['clinicianId=abc', 'clinicianId'],
        ['from=2026-02-30', 'from'],
        [`from=${today}&to=${plusDays(today, -1)}`, 'to'],
        ['limit=0', 'limit'],
      ]) {
        const res = await staff.manager.get(`/api/reports/course-progress?${query}`);
        expect({ query, status: res.status, code: res.body.code, fields: fieldsOf(res.body) }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
          fields: [field],
        });
      }
    });

    it('gives admins the table without the clinical ratings', async () => {
      const res = await staff.admin.get(`/api/reports/course-progress?clinicianId=${clinicianB.userId}&state=on_track`);
      expect(res.status).toBe(200);
      expect(res.body.items[0]).toMatchObject({ sessionsCompleted: 3, patientRatedImprovement: null, clinicianRatedImprovement: null });
    });

    it('downloads the same rows as CSV, with a header row, quoted cells and formulas defused', async () => {
      await t.db.query(`UPDATE patients SET last_name = $2 WHERE id = $1`, [patients['A'], '=HYPERLINK("http://x.example","a,b")']);
      try {
        const res = await staff.manager.getAs('/api/reports/course-progress?sort=daysOverdue', 'text/csv');
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toBe('attachment; filename="course-progress.csv"');
        const lines = res.text.trimEnd().split('\r\n');
        expect(lines[0]).toBe(
          'Clinic number,Patient,Legs,Clinician,Planned on,Sessions done,Sessions planned,Last session,Next session,State,Days overdue,Patient-rated improvement %,Clinician-rated improvement %,Course id',
        );
        expect(lines).toHaveLength(9);
        expect(lines[1]).toMatch(/^VN-\d{6},"Course =HYPERLINK\(""http:\/\/x\.example"",""a,b""\)",left,Test clinician,/);
        expect(lines[1]).toContain(`,overdue,16,,,${ids['A']}`);
        await t.db.query(`UPDATE patients SET first_name = '@SUM(1)' WHERE id = $1`, [patients['A']]);
        const defused = await staff.manager.getAs('/api/reports/course-progress', 'text/csv');
        expect(defused.text.split('\r\n')[1]).toMatch(/^VN-\d{6},"'@SUM\(1\) =HYPERLINK/);
      } finally {
        await t.db.query(`UPDATE patients SET first_name = 'Course', last_name = 'Patient a' WHERE id = $1`, [patients['A']]);
      }
    });
  });

  describe('the overdue and recall list', () => {
    it('lists overdue courses with nothing booked, recalls whose window is open or opens within 14 days, and clear scans running out', async () => {
      const res = await staff.manager.get('/api/reports/overdue');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ on: today, recallDays: 14, scanExpiryDays: 30 });
      expect(res.body.overdue.map(courseOf)).toEqual(['A']);
      // The same rows as one page, each naming its section.
      const sections = { overdue: res.body.overdue.length, recall: res.body.recall.length, scan_expiring: res.body.scanExpiring.length };
      const counted: Record<string, number> = { overdue: 0, recall: 0, scan_expiring: 0 };
      for (const item of res.body.items as { list: string }[]) counted[item.list] += 1;
      expect(counted).toEqual(sections);
      expect(res.body.total).toBe(res.body.items.length);
      expect(res.body.overdue[0]).toMatchObject({
        patientId: patients['A'],
        phone: expect.stringMatching(/^07700 9/),
        lastSessionOn: plusDays(today, -100),
        windowOpensOn: plusDays(today, -72),
        windowClosesOn: plusDays(today, -16),
        daysOverdue: 16,
        clinical: { legs: ['left'], sessionsCompleted: 1, plannedSessions: 4 },
      });
      expect(res.body.recall.map(courseOf)).toEqual(['C', 'E']);
      expect(res.body.recall[1]).toMatchObject({ windowOpensOn: plusDays(today, 8), windowClosesOn: plusDays(today, 64), daysOverdue: 0 });
      expect(res.body.scanExpiring).toEqual([
        {
          patientId: patients['F'],
          patientName: expect.any(String),
          clinicNumber: expect.any(String),
          phone: expect.any(String),
          leg: 'left',
          validUntil: scanValidUntil(plusDays(today, -350), makePolicy()),
          sessionsRemaining: 2,
        },
      ]);
    });

    it('gives reception and clinicians the list; reception without clinical detail; admins 403', async () => {
      const reception = await staff.reception.get('/api/reports/overdue');
      expect(reception.status).toBe(200);
      expect(reception.body.overdue.map(courseOf)).toEqual(['A']);
      for (const row of [...reception.body.overdue, ...reception.body.recall]) {
        expect(Object.keys(row).sort()).toEqual(
          [
            'clinicNumber',
            'courseId',
            'daysOverdue',
            'lastCall',
            'lastSessionOn',
            'patientId',
            'patientName',
            'phone',
            'windowClosesOn',
            'windowOpensOn',
          ].sort(),
        );
      }
      const clinician = await staff.clinician.get('/api/reports/overdue');
      expect(clinician.status).toBe(200);
      expect(clinician.body.recall[0].clinical).toEqual({ legs: ['left'], sessionsCompleted: 1, plannedSessions: 3 });
      expect((await staff.admin.get('/api/reports/overdue')).status).toBe(403);
    });

    it('downloads the list as CSV for reception too', async () => {
      const res = await staff.reception.getAs('/api/reports/overdue', 'text/csv');
      expect(res.status).toBe(200);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('List,Clinic number,Patient,Phone,What,Date,Days overdue,Last call');
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['overdue', 'recall', 'recall', 'scan expiring']);
      expect(lines[1]).toContain(`,next session was due by,${plusDays(today, -16)},16,`);
    });

    describe('call outcomes', () => {
      const call = (who: Role, body: unknown) => staff[who].post('/api/reports/overdue/calls', body);
      const rowOf = async (course: string) => {
        const res = await staff.reception.get('/api/reports/overdue');
        return [...res.body.overdue, ...res.body.recall].find((r: { courseId: string }) => r.courseId === ids[course]);
      };

      it('shows the latest outcome on the row, from reception, clinicians and managers alike', async () => {
        expect((await rowOf('A')).lastCall).toBeNull();
        const first = await call('reception', { courseId: ids['A'], outcome: 'left_message' });
        expect(first.status).toBe(201);
        expect(first.body).toEqual({ outcome: 'left_message', note: null, calledAt: expect.any(String), calledByName: expect.any(String) });
        const second = await call('manager', { courseId: ids['A'], outcome: 'booked', note: '  Tuesday 10:00  ' });
        expect(second.status).toBe(201);
        expect((await rowOf('A')).lastCall).toEqual({ ...second.body, note: 'Tuesday 10:00' });
        expect((await call('clinician', { courseId: ids['C'], outcome: 'declined' })).status).toBe(201);
        expect((await rowOf('C')).lastCall).toMatchObject({ outcome: 'declined' });
        expect((await rowOf('E')).lastCall).toBeNull();
      });

      it('audits each call against the patient', async () => {
        const rows = await t.db.query(`SELECT action, fields, patient_id FROM audit_events WHERE entity = 'recall_call' ORDER BY id`);
        expect(rows).toEqual([
          { action: 'create', fields: ['outcome'], patient_id: patients['A'] },
          { action: 'create', fields: ['outcome', 'note'], patient_id: patients['A'] },
          { action: 'create', fields: ['outcome'], patient_id: patients['C'] },
        ]);
      });

      it('refuses admins, unknown courses and bad outcomes, naming the field, and records nothing', async () => {
        const before = await t.db.query(`SELECT count(*)::int AS n FROM recall_calls`);
        expect((await call('admin', { courseId: ids['A'], outcome: 'booked' })).status).toBe(403);
        expect((await call('reception', { courseId: '00000000-0000-4000-8000-000000000000', outcome: 'booked' })).status).toBe(404);
        const cases: [unknown, string][] = [
          [{ courseId: ids['A'], outcome: 'shouted' }, 'outcome'],
          [{ courseId: 'nope', outcome: 'booked' }, 'courseId'],
          [{ courseId: ids['A'], outcome: 'booked', note: 'x'.repeat(501) }, 'note'],
        ];
        for (const [body, field] of cases) {
          const res = await call('reception', body);
          expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, [field]]);
        }
        expect(await t.db.query(`SELECT count(*)::int AS n FROM recall_calls`)).toEqual(before);
      });
    });
  });

  describe('outcomes', () => {
    it('compares ratings with the promise by sessions completed, with rates, adverse events, attendance and workload', async () => {
      const res = await staff.manager.get('/api/reports/outcomes');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        to: today,
        clinicianId: null,
        promise: { lowPercent: 60, highPercent: 80, minSessions: 2, maxSessions: 5 },
        improvementBySessions: [
          {
            sessionsCompleted: 2,
            patient: { meanPercent: 70, courses: 1, withinPromiseOrBetter: 1 },
            clinician: { meanPercent: 60, courses: 1, withinPromiseOrBetter: 1 },
          },
          {
            sessionsCompleted: 3,
            patient: { meanPercent: 80, courses: 1, withinPromiseOrBetter: 1 },
            clinician: { meanPercent: 50, courses: 1, withinPromiseOrBetter: 0 },
          },
        ],
        courses: { completed: 1, discontinued: 1, completionRate: 0.5, discontinuationRate: 0.5 },
        sessionsCompleted: 12,
        adverseEvents: {
          total: 2,
          per100Sessions: 16.67,
          byTypeAndSeverity: expect.arrayContaining([
            { type: 'hyperpigmentation', severity: 'mild', events: 1, per100Sessions: 8.33 },
            { type: 'matting', severity: 'moderate', events: 1, per100Sessions: 8.33 },
          ]),
        },
        didNotAttend: { missed: 1, attended: 12, rate: 0.077 },
        scanToFirstTreatment: { patients: 9, medianDays: 150 },
      });
      const perClinician = (id: string) =>
        res.body.sessionsPerClinicianMonth
          .filter((m: { clinicianId: string }) => m.clinicianId === id)
          .reduce((n: number, m: { sessions: number }) => n + m.sessions, 0);
      expect([perClinician(staff.clinician.userId), perClinician(clinicianB.userId)]).toEqual([9, 3]);
      expect(res.body.sessionsPerClinicianMonth[0].month).toMatch(/^\d{4}-\d{2}$/);
    });

    it('narrows to one clinician and to a period', async () => {
      const b = await staff.manager.get(`/api/reports/outcomes?clinicianId=${clinicianB.userId}`);
      expect(b.body).toMatchObject({
        clinicianId: clinicianB.userId,
        improvementBySessions: [{ sessionsCompleted: 3 }],
        courses: { completed: 0, discontinued: 0, completionRate: null, discontinuationRate: null },
        sessionsCompleted: 3,
        adverseEvents: { total: 1, per100Sessions: 33.33 },
        didNotAttend: { missed: 0, attended: 3, rate: 0 },
        scanToFirstTreatment: { patients: 1, medianDays: 50 },
      });
      const lastMonth = await staff.manager.get(`/api/reports/outcomes?from=${plusDays(today, -30)}&to=${today}`);
      expect(lastMonth.body).toMatchObject({
        from: plusDays(today, -30),
        sessionsCompleted: 3,
        improvementBySessions: [{ sessionsCompleted: 2 }, { sessionsCompleted: 3, patient: { meanPercent: 80 } }],
        scanToFirstTreatment: { patients: 2, medianDays: 262.5 },
      });
      // A period that ends before J was rated again reads J's rating of then.
      const beforeRerating = await staff.manager.get(`/api/reports/outcomes?from=${plusDays(today, -30)}&to=${plusDays(today, -10)}`);
      expect(beforeRerating.body.improvementBySessions).toEqual([
        {
          sessionsCompleted: 3,
          patient: { meanPercent: 40, courses: 1, withinPromiseOrBetter: 0 },
          clinician: { meanPercent: null, courses: 0, withinPromiseOrBetter: 0 },
        },
      ]);
      const bad = await staff.manager.get(`/api/reports/outcomes?from=${today}&to=${plusDays(today, -1)}`);
      expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['to']]);
    });

    it('counts the courses overdue at each month-end of the period, from the sessions as they were then', async () => {
      const res = await staff.manager.get('/api/reports/outcomes');
      const ends: { on: string; overdue: number }[] = res.body.overdueByMonth;
      // One point for each calendar month the default period (the 12 months to today) touches: 12
      // when today is a month's last day, else 13, the first month's end being inside the period.
      expect(ends).toHaveLength(plusDays(today, 1).endsWith('-01') ? 12 : 13);
      expect(ends.at(-1)?.on).toBe(today);
      // A: overdue from 16 days ago; B: from 6 days ago (its booking does not help); J: between its
      // sessions of 110 and 10 days ago, from 26 days ago. H's long-closed gap was only 40 days.
      const expected = (on: string) =>
        Number(on > plusDays(today, -16)) +
        Number(on > plusDays(today, -6)) +
        Number(on > plusDays(today, -26) && on < plusDays(today, -10));
      expect(ends).toEqual(ends.map(({ on }) => ({ on, overdue: expected(on) })));
      expect(ends.at(-1)?.overdue).toBe(2);
      const b = await staff.manager.get(`/api/reports/outcomes?clinicianId=${clinicianB.userId}`);
      expect(b.body.overdueByMonth.map((m: { overdue: number }) => m.overdue)).toEqual(
        ends.map(({ on }) => Number(on > plusDays(today, -26) && on < plusDays(today, -10))),
      );
    });

    it('downloads as CSV, one measure per line', async () => {
      const res = await staff.manager.getAs('/api/reports/outcomes', 'text/csv');
      expect(res.status).toBe(200);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('Measure,Breakdown,Value,Based on');
      expect(lines).toContain('patient-rated improvement %,2 sessions,70,1');
      expect(lines).toContain('did-not-attend rate,,0.077,13');
      expect(lines).toContain(`courses overdue,${today},2,`);
    });
  });

  it('refuses course progress and outcomes to reception and clinicians (SPEC §3)', async () => {
    for (const role of ['reception', 'clinician'] as const) {
      for (const path of ['/api/reports/course-progress', '/api/reports/outcomes']) {
        const res = await staff[role].get(path);
        expect({ role, path, status: res.status, code: res.body.code }).toEqual({ role, path, status: 403, code: 'FORBIDDEN' });
      }
    }
    expect((await staff.reception.getAs('/api/reports/course-progress', 'text/csv')).status).toBe(403);
  });

  it('records every report read in the audit trail', async () => {
    const rows: { entity_id: string; action: string }[] = await t.db.query(
      `SELECT DISTINCT entity_id, action FROM audit_events WHERE entity = 'report' ORDER BY entity_id, action`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { entity_id: 'course-progress', action: 'export' },
        { entity_id: 'course-progress', action: 'read' },
        { entity_id: 'outcomes', action: 'read' },
        { entity_id: 'overdue', action: 'read' },
      ]),
    );
  });
});

describe('reports on the demo clinic', () => {
  let t: TestApp;
  let manager: StaffClient;
  beforeAll(async () => {
    t = await TestApp.start({ demo: true });
    manager = await StaffClient.open(t.server);
    await manager.post('/api/auth/login', { email: 'manager@demo.venule', password: 'demo-venule' });
  });
  afterAll(() => t.stop());

  it('computes in SQL the window state courseState computes, for every active course', async () => {
    const res = await manager.get('/api/reports/course-progress?limit=200');
    expect(res.status).toBe(200);
    const [{ active }] = await t.db.query(`SELECT count(*)::int AS active FROM courses WHERE status = 'active'`);
    expect(res.body.total).toBe(active);
    const sessions: { course_id: string; patient_id: string; status: CourseSessionFacts['status']; date: string; legs: Leg[] | null }[] =
      await t.db.query(
        `SELECT s.course_id, c.patient_id, s.status, s.legs, CASE WHEN s.status = 'completed' THEN s.completed_on::text
                                        ELSE (s.scheduled_for AT TIME ZONE $1)::date::text END AS date
           FROM sessions s JOIN courses c ON c.id = s.course_id`,
        [t.config.clinicTimeZone],
      );
    const legsOf: Record<string, { legs: Leg[]; patientId: string }> = Object.fromEntries(
      (await t.db.query(`SELECT id, legs, patient_id FROM courses`)).map((c: { id: string; legs: Leg[]; patient_id: string }) => [
        c.id,
        { legs: c.legs, patientId: c.patient_id },
      ]),
    );
    const [settings] = await t.db.query(`SELECT min_interval_days, max_interval_days FROM clinic_settings WHERE id = 1`);
    const policy = makePolicy({ minIntervalDays: settings.min_interval_days, maxIntervalDays: settings.max_interval_days });
    const today = clinicToday();
    const states = new Set<string>();
    for (const row of res.body.items as CourseProgressRow[]) {
      const facts = sessions.filter((s) => s.course_id === row.courseId).map(({ status, date }) => ({ status, date }));
      // Every leg the patient had treated, in any course: the interval is per leg (SPEC §1.4).
      const treatments = legTreatments(
        sessions
          .filter((s) => s.patient_id === legsOf[row.courseId].patientId && s.status === 'completed')
          .map((s) => ({ legs: s.legs ?? [], on: s.date })),
      );
      const expected = courseState(
        { status: 'active', plannedSessions: row.plannedSessions, sessions: facts, legs: legsOf[row.courseId].legs, treatments },
        today,
        policy,
      );
      expect({ course: row.courseId, state: row.state, done: row.sessionsCompleted, last: row.lastSessionOn }).toEqual({
        course: row.courseId,
        state: expected.state,
        done: expected.sessionsCompleted,
        last: expected.lastCompletedOn,
      });
      states.add(row.state);
    }
    expect([...states].sort()).toEqual(['due', 'not_started', 'on_track', 'overdue']);
  });
  it('fills every chart and list of the manager home', async () => {
    const { body: o } = await manager.get('/api/reports/outcomes');
    const rated = (by: 'patient' | 'clinician') =>
      o.improvementBySessions
        .filter((b: Record<string, { courses: number }>) => b[by].courses > 0)
        .map((b: { sessionsCompleted: number }) => b.sessionsCompleted);
    expect(rated('patient')).toEqual(expect.arrayContaining([2, 3, 4, 5]));
    expect(rated('clinician')).toEqual(expect.arrayContaining([2, 3, 4, 5]));
    expect(o.courses.discontinued).toBeGreaterThanOrEqual(1);
    expect(o.adverseEvents.byTypeAndSeverity.length).toBeGreaterThanOrEqual(3);
    expect(o.didNotAttend.missed).toBeGreaterThanOrEqual(2);
    expect(new Set(o.sessionsPerClinicianMonth.map((m: { clinicianId: string }) => m.clinicianId)).size).toBe(2);
    expect(new Set(o.sessionsPerClinicianMonth.map((m: { month: string }) => m.month)).size).toBeGreaterThanOrEqual(8);
    expect(o.overdueByMonth.filter((m: { overdue: number }) => m.overdue > 0).length).toBeGreaterThanOrEqual(4);
    const { body: overdue } = await manager.get('/api/reports/overdue');
    expect(overdue.overdue.length).toBeGreaterThanOrEqual(2);
    expect(overdue.recall.length).toBeGreaterThanOrEqual(1);
  });
});
