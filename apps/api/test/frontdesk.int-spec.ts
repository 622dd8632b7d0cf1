import request from 'supertest';
import { Clinic, clinicToday, instantIn, plusDays } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/** A whole clinic-hour on day `days` from today, 10:00 + `hour` UTC (always a future time for days ≥ 1). */
const slot = (days: number, hour = 0, minute = 0) =>
  `${plusDays(clinicToday(), days)}T${String(10 + hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;

describe('the front desk: consultations, deposits, the one diary, enquiries', () => {
  let t: TestApp;
  let reception: StaffClient;
  let clinician: StaffClient;
  let manager: StaffClient;
  let admin: StaffClient;
  let clinic: Clinic;
  let doctor: string;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ reception, clinician, manager, admin } = await t.signInAll());
    clinic = new Clinic(t, reception, clinician);
    doctor = clinician.userId;
  });
  afterAll(() => t.stop());

  const book = async (over: Record<string, unknown> = {}) => {
    const patientId = (over['patientId'] as string) ?? (await clinic.patient({ history: false, scans: [] }));
    return reception.post('/api/consultations', {
      type: 'named_doctor',
      patientId,
      clinicianId: doctor,
      startsAt: slot(3),
      durationMinutes: 30,
      ...over,
    });
  };
  const pay = (id: string, body: Record<string, unknown>) =>
    reception.post(`/api/consultations/${id}/payments`, { method: 'card', ...body });

  describe('consultations and the deposit', () => {
    it('keeps a named-doctor consultation awaiting its deposit until the deposit is taken; a free one is booked at once', async () => {
      const named = await book({ startsAt: slot(4) });
      expect(named.status).toBe(201);
      expect(named.body).toMatchObject({
        type: 'named_doctor',
        status: 'awaiting_deposit',
        feePence: 5000,
        depositPence: 2500,
        paidPence: 0,
        balanceDuePence: 5000,
      });

      const short = await pay(named.body.id, { kind: 'deposit', amountPence: 2000 });
      expect(short.status).toBe(400);
      expect(short.body.errors).toEqual([expect.objectContaining({ field: 'amountPence' })]);
      const early = await pay(named.body.id, { kind: 'balance', amountPence: 2500 });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('PAYMENT_REFUSED');

      const deposit = await pay(named.body.id, { kind: 'deposit', amountPence: 2500, reference: 'TERM-0042' });
      expect(deposit.status).toBe(201);
      expect(deposit.body).toMatchObject({ status: 'booked', paidPence: 2500, balanceDuePence: 2500 });
      expect(deposit.body.payments).toEqual([
        expect.objectContaining({ kind: 'deposit', amountPence: 2500, method: 'card', reference: 'TERM-0042' }),
      ]);
      expect((await pay(named.body.id, { kind: 'deposit', amountPence: 2500 })).body.code).toBe('PAYMENT_REFUSED');
      const balanceBeforeTheDay = await pay(named.body.id, { kind: 'balance', amountPence: 2500 });
      expect(balanceBeforeTheDay.status).toBe(422);

      const free = await book({ type: 'free', startsAt: slot(4, 1) });
      expect(free.status).toBe(201);
      expect(free.body).toMatchObject({ status: 'booked', feePence: 0, balanceDuePence: 0 });
      const freePayment = await pay(free.body.id, { kind: 'deposit', amountPence: 100 });
      expect(freePayment.status).toBe(400);
      expect(freePayment.body.errors[0].field).toBe('kind');
    });

    it('takes the balance on the day and records the outcome', async () => {
      const today = await book({ startsAt: instantIn(0, 5) });
      expect(today.status).toBe(201);
      await pay(today.body.id, { kind: 'deposit', amountPence: 2500 });
      const balance = await pay(today.body.id, { kind: 'balance', amountPence: 2500, method: 'cash' });
      expect(balance.body).toMatchObject({ paidPence: 5000, balanceDuePence: 0 });
      const attended = await reception.patch(`/api/consultations/${today.body.id}`, { version: balance.body.version, status: 'attended' });
      expect(attended.status).toBe(200);
      expect(attended.body.status).toBe('attended');
    });

    it('names the field of every bad input and changes nothing', async () => {
      const patientId = await clinic.patient({ history: false, scans: [] });
      const cases: [Record<string, unknown>, string][] = [
        [{ clinicianId: undefined }, 'clinicianId'],
        [{ startsAt: `${plusDays(clinicToday(), -1)}T10:00:00Z` }, 'startsAt'],
        [{ durationMinutes: 5 }, 'durationMinutes'],
        [{ type: 'vip' }, 'type'],
        [{ patientId: '00000000-0000-4000-8000-000000000000' }, 'patientId'],
        [{ clinicianId: reception.userId }, 'clinicianId'],
        [{ feePence: 0 }, 'feePence'],
      ];
      for (const [over, field] of cases) {
        const res = await book({ patientId, ...over });
        expect({ field, status: res.status, fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({
          field,
          status: 400,
          fields: [field],
        });
      }
      expect((await reception.get(`/api/consultations?patientId=${patientId}`)).body.total).toBe(0);
    });

    it('keeps the deposit of a cancelled consultation, takes nothing more, and refuses a stale version', async () => {
      const c = await book({ startsAt: slot(5) });
      const paid = await pay(c.body.id, { kind: 'deposit', amountPence: 2500 });
      const stale = await reception.patch(`/api/consultations/${c.body.id}`, { version: c.body.version, status: 'cancelled' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const cancelled = await reception.patch(`/api/consultations/${c.body.id}`, {
        version: paid.body.version,
        status: 'cancelled',
        reason: 'Patient away',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', paidPence: 2500, balanceDuePence: 0, statusReason: 'Patient away' });
      expect((await pay(c.body.id, { kind: 'balance', amountPence: 2500 })).body.code).toBe('PAYMENT_REFUSED');
      const again = await reception.patch(`/api/consultations/${c.body.id}`, { version: cancelled.body.version, status: 'attended' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('STATUS_CHANGE_REFUSED');
    });

    it('never edits the ledger: the database refuses UPDATE and DELETE, and a reversal corrects a mistake', async () => {
      const c = await book({ startsAt: slot(6) });
      const wrong = await pay(c.body.id, { kind: 'deposit', amountPence: 5000 });
      expect(wrong.body.paidPence).toBe(5000);
      const paymentId = wrong.body.payments[0].id;
      await expect(t.db.query(`UPDATE consultation_payments SET amount_pence = 2500 WHERE id = $1`, [paymentId])).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.query(`DELETE FROM consultation_payments WHERE id = $1`, [paymentId])).rejects.toThrow(/append-only/);

      expect((await pay(c.body.id, { kind: 'reversal', amountPence: 5001 })).status).toBe(400);
      const corrected = await pay(c.body.id, { kind: 'reversal', amountPence: 2500, reference: 'Keyed £50 instead of £25' });
      expect(corrected.body).toMatchObject({ status: 'booked', paidPence: 2500, balanceDuePence: 2500 });
      expect(corrected.body.payments.map((p: { kind: string; amountPence: number }) => [p.kind, p.amountPence])).toEqual([
        ['deposit', 5000],
        ['reversal', 2500],
      ]);
      const reversedAll = await pay(c.body.id, { kind: 'reversal', amountPence: 2500 });
      expect(reversedAll.body).toMatchObject({ status: 'awaiting_deposit', paidPence: 0 });
      const audit = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity = 'consultation_payment' AND patient_id = $1`,
        [c.body.patientId],
      );
      expect(audit[0].n).toBe(3);
    });
  });

  describe('one diary for sessions and consultations', () => {
    const sessionAt = async (startsAt: string) => {
      const patientId = await clinic.patient();
      const courseId = await clinic.course(patientId);
      return reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor: startsAt, clinicianId: doctor });
    };

    it('refuses a consultation over a session of the same clinician, naming the session, and the reverse', async () => {
      const session = await sessionAt(slot(7));
      expect(session.status).toBe(201);
      const clash = await book({ startsAt: slot(7, 0, 15), type: 'free' });
      expect(clash.status).toBe(422);
      expect(clash.body.code).toBe('DOUBLE_BOOKED');
      expect(clash.body.reasons[0].clash).toMatchObject({ kind: 'session', id: session.body.id });

      const consultation = await book({ startsAt: slot(7, 2) });
      const sessionOver = await sessionAt(slot(7, 2, 20));
      expect(sessionOver.status).toBe(422);
      expect(sessionOver.body.code).toBe('DOUBLE_BOOKED');
      const move = await reception.post(`/api/sessions/${session.body.id}/move`, {
        scheduledFor: slot(7, 2),
        version: session.body.version,
      });
      expect(move.status).toBe(422);
      expect(move.body.code).toBe('DOUBLE_BOOKED');

      const cancelled = await reception.patch(`/api/consultations/${consultation.body.id}`, {
        version: consultation.body.version,
        status: 'cancelled',
      });
      expect(cancelled.status).toBe(200);
      expect((await sessionAt(slot(7, 2, 20))).status).toBe(201);
    });

    it('races a session and a consultation for one clinician at one time: exactly one wins', async () => {
      const patientId = await clinic.patient();
      const courseId = await clinic.course(patientId);
      const other = await clinic.patient({ history: false, scans: [] });
      const results = await Promise.all([
        reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor: slot(8), clinicianId: doctor }),
        clinician.post('/api/consultations', {
          type: 'free',
          patientId: other,
          clinicianId: doctor,
          startsAt: slot(8, 0, 10),
          durationMinutes: 30,
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)?.body.code).toBe('DOUBLE_BOOKED');
    });

    it('races two consultations for one clinician at one time: exactly one wins, the loser is told what it clashes with', async () => {
      const [a, b] = await Promise.all([clinic.patient({ history: false, scans: [] }), clinic.patient({ history: false, scans: [] })]);
      const results = await Promise.all(
        [a, b].map((patientId) =>
          reception.post('/api/consultations', { type: 'free', patientId, clinicianId: doctor, startsAt: slot(9), durationMinutes: 30 }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      const winner = results.find((r) => r.status === 201);
      expect(results.find((r) => r.status === 422)?.body.reasons[0].clash).toMatchObject({ kind: 'consultation', id: winner?.body.id });
    });

    it('lists the active clinicians a booking can name, to staff who book and read bookings', async () => {
      const res = await reception.get('/api/clinicians');
      expect(res.status).toBe(200);
      const [me] = await t.db.query(`SELECT display_name FROM users WHERE id = $1`, [doctor]);
      expect(res.body.items).toContainEqual({ id: doctor, name: me.display_name });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'clinician' AND active`);
      expect(res.body.total).toBe(n);
      expect((await admin.get('/api/clinicians')).status).toBe(403);
    });

    it('shows the day or week one lane per clinician, bookings only, for staff who book', async () => {
      const day = plusDays(clinicToday(), 7);
      const res = await reception.get(`/api/diary?from=${day}&to=${day}&clinicianId=${doctor}`);
      expect(res.status).toBe(200);
      expect(res.body.lanes).toHaveLength(1);
      const [lane] = res.body.lanes;
      expect(lane.clinicianId).toBe(doctor);
      expect(lane.appointments.map((a: { kind: string }) => a.kind).sort()).toEqual(['session', 'session']);
      expect(JSON.stringify(res.body)).not.toMatch(/agent|doseMg|batchNumber|legs/);
      const week = await manager.get(`/api/diary?from=${plusDays(clinicToday(), 3)}&to=${plusDays(clinicToday(), 9)}`);
      expect(week.body.lanes.find((l: { clinicianId: string }) => l.clinicianId === doctor).appointments.length).toBeGreaterThanOrEqual(6);

      expect((await reception.get(`/api/diary?from=${day}&to=${plusDays(day, -1)}`)).body.errors[0].field).toBe('to');
      expect((await reception.get(`/api/diary?from=${day}&to=${plusDays(day, 40)}`)).status).toBe(400);
      expect((await reception.get(`/api/diary?from=tomorrow&to=${day}`)).body.errors[0].field).toBe('from');
      expect((await admin.get(`/api/diary?from=${day}&to=${day}`)).status).toBe(403);
    });

    it('shows each booking of the day as reception reads it, in time order, cancelled ones left out and unassigned ones in a lane of their own', async () => {
      const day = 21;
      const patientId = await clinic.patient();
      const courseId = await clinic.course(patientId);
      const later = await reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor: slot(day, 3), clinicianId: doctor });
      const unassigned = await reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor: slot(day, 5) });
      const named = await book({ patientId, startsAt: slot(day, 1), durationMinutes: 45 });
      expect(named.status).toBe(201);
      expect((await pay(named.body.id, { kind: 'deposit', amountPence: named.body.depositPence })).status).toBe(201);
      const cancelled = await book({ startsAt: slot(day, 4), type: 'free' });
      expect(
        (await reception.patch(`/api/consultations/${cancelled.body.id}`, { version: cancelled.body.version, status: 'cancelled' })).status,
      ).toBe(200);
      const patient = (await reception.get(`/api/patients/${patientId}`)).body;
      const who = { patientId, patientName: `${patient.firstName} ${patient.lastName}`, clinicNumber: patient.clinicNumber };
      const session = async (id: string) => {
        const [row] = await t.db.query(`SELECT scheduled_for, ends_at, sequence FROM sessions WHERE id = $1`, [id]);
        const at = { startsAt: row.scheduled_for.toISOString(), endsAt: row.ends_at.toISOString() };
        return { kind: 'session', id, ...at, status: 'scheduled', ...who, courseId, sequence: row.sequence };
      };

      const res = await reception.get(`/api/diary?from=${plusDays(clinicToday(), day)}&to=${plusDays(clinicToday(), day)}`);
      expect(res.status).toBe(200);
      const lane = res.body.lanes.find((l: { clinicianId: string | null }) => l.clinicianId === doctor);
      expect(lane.appointments).toEqual([
        {
          kind: 'consultation',
          id: named.body.id,
          startsAt: new Date(slot(day, 1)).toISOString(),
          endsAt: new Date(Date.parse(slot(day, 1)) + 45 * 60_000).toISOString(),
          status: 'booked',
          ...who,
          consultationType: 'named_doctor',
          balanceDuePence: named.body.feePence - named.body.depositPence,
        },
        await session(later.body.id),
      ]);
      expect(res.body.lanes.at(-1)).toEqual({ clinicianId: null, clinicianName: null, appointments: [await session(unassigned.body.id)] });
      expect(res.body.lanes.filter((l: { clinicianId: string | null }) => l.clinicianId === null)).toHaveLength(1);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'clinician' AND active`);
      expect(res.body.lanes).toHaveLength(n + 1);
    });
  });

  describe('enquiries', () => {
    const enquiry = (over: Record<string, unknown> = {}, address = '198.51.100.1') =>
      request(t.server)
        .post('/api/enquiries')
        .set('X-Forwarded-For', address)
        .send({ name: 'Ada Lovelace', email: 'ada@example.org', message: 'Thread veins on both calves.\n\nIs a scan needed?', ...over });
    const inbox = async () =>
      (await reception.get('/api/enquiries?limit=200')).body.items as {
        id: string;
        name: string;
        message: string;
        status: string;
        version: number;
      }[];

    it('serves the public page with a form and the clinic’s name', async () => {
      const res = await request(t.server).get('/enquire');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toMatch(/<form method="post" action="\/api\/enquiries">/);
      expect(res.text).toContain('Venule Vein Clinic');
      expect(res.text).toContain('<label for="message">');
      expect((await request(t.server).get('/enquire?sent=1')).text).toContain('Thank you');
    });

    it('takes an enquiry without sign-in, stores it whole, and drops a robot’s without telling it', async () => {
      const res = await enquiry({ name: 'Grace Hopper', preferredClinician: 'Test clinician', website: '' }, '198.51.100.2');
      expect(res.status).toBe(202);
      const bot = await enquiry({ name: 'Spam Bot', website: 'http://spam.example' }, '198.51.100.2');
      expect(bot.status).toBe(202);
      expect(bot.body).toEqual(res.body);
      const items = await inbox();
      const stored = items.find((e) => e.name === 'Grace Hopper');
      expect(stored).toMatchObject({
        status: 'new',
        message: 'Thread veins on both calves.\n\nIs a scan needed?',
        preferredClinician: 'Test clinician',
      });
      expect(items.some((e) => e.name === 'Spam Bot')).toBe(false);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM enquiries WHERE name = 'Spam Bot'`);
      expect(n).toBe(0);
    });

    it('accepts the plain HTML form and sends the browser to the thank-you page', async () => {
      const res = await request(t.server)
        .post('/api/enquiries')
        .set('X-Forwarded-For', '198.51.100.3')
        .type('form')
        .send('name=Mary+Seacole&email=&phone=07700+900456&preferredClinician=&message=Can+I+book%3F&website=');
      expect(res.status).toBe(303);
      expect(res.headers['location']).toBe('/enquire?sent=1');
      expect((await inbox()).find((e) => e.name === 'Mary Seacole')).toMatchObject({
        email: null,
        phone: '07700 900456',
        preferredClinician: null,
      });
    });

    it('names the field of a bad enquiry', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ email: undefined }, 'email'],
        [{ email: 'not-an-email' }, 'email'],
        [{ message: '   ' }, 'message'],
        [{ name: '' }, 'name'],
        [{ phone: 'call me' }, 'phone'],
        [{ surprise: 1 }, 'surprise'],
      ];
      for (const [over, field] of cases) {
        const res = await enquiry(over, '198.51.100.4');
        expect({ field, status: res.status, fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({
          field,
          status: 400,
          fields: [field],
        });
      }
    });

    it('rate-limits each address (robots included), not the others', async () => {
      const address = '203.0.113.7';
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await enquiry({ name: `Burst ${i}`, ...(i === 0 ? { website: 'x' } : {}) }, address)).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202]);
      const over = await enquiry({ name: 'Burst 6' }, address);
      expect(over.status).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect((await enquiry({ name: 'Someone else' }, '203.0.113.8')).status).toBe(202);
      expect(
        (await inbox())
          .filter((e) => e.name.startsWith('Burst'))
          .map((e) => e.name)
          .sort(),
      ).toEqual(['Burst 1', 'Burst 2', 'Burst 3', 'Burst 4']);
    });

    it('keeps the inbox for staff who book: reception marks an enquiry contacted; anonymous readers sign in', async () => {
      await enquiry({ name: 'Florence Nightingale' }, '198.51.100.5');
      const item = (await inbox()).find((e) => e.name === 'Florence Nightingale');
      const contacted = await reception.patch(`/api/enquiries/${item?.id}`, {
        version: item?.version,
        status: 'contacted',
        note: 'Left a voicemail',
      });
      expect(contacted.status).toBe(200);
      expect(contacted.body).toMatchObject({ status: 'contacted', note: 'Left a voicemail' });
      expect((await reception.patch(`/api/enquiries/${item?.id}`, { version: item?.version, status: 'closed' })).status).toBe(409);
      expect(
        (await reception.patch(`/api/enquiries/${item?.id}`, { version: contacted.body.version, status: 'booked' })).body.errors[0].field,
      ).toBe('status');
      expect((await reception.get('/api/enquiries?status=contacted')).body.items.map((e: { id: string }) => e.id)).toContain(item?.id);
      expect((await request(t.server).get('/api/enquiries')).status).toBe(401);
      expect((await manager.get('/api/enquiries')).status).toBe(200);
      expect((await manager.patch(`/api/enquiries/${item?.id}`, { version: contacted.body.version, status: 'closed' })).status).toBe(403);
      expect((await admin.get('/api/enquiries')).status).toBe(403);
    });

    it('converts an enquiry into a patient and a consultation in one transaction', async () => {
      await enquiry({ name: 'Mary Somerville' }, '198.51.100.6');
      const item = (await inbox()).find((e) => e.name === 'Mary Somerville');
      const patient = {
        firstName: 'Mary',
        lastName: 'Somerville',
        dateOfBirth: '1980-12-26',
        sex: 'female',
        phone: '07700 900789',
        email: 'mary@example.org',
      };
      const consultation = { type: 'named_doctor', clinicianId: doctor, startsAt: slot(10), durationMinutes: 30 };
      const res = await reception.post(`/api/enquiries/${item?.id}/convert`, { patient, consultation });
      expect(res.status).toBe(201);
      expect(res.body.consultation).toMatchObject({ status: 'awaiting_deposit', patientId: res.body.patient.id, clinicianId: doctor });
      expect(res.body.enquiry).toMatchObject({
        status: 'booked',
        patientId: res.body.patient.id,
        consultationId: res.body.consultation.id,
      });
      expect((await reception.post(`/api/enquiries/${item?.id}/convert`, { patient, consultation })).status).toBe(409);

      // A duplicate patient rolls the consultation back with it; so does a clash in the diary.
      await enquiry({ name: 'Mary Somerville again' }, '198.51.100.6');
      const second = (await inbox()).find((e) => e.name === 'Mary Somerville again');
      const count = async () =>
        (await t.db.query(`SELECT (SELECT count(*) FROM consultations)::int AS c, (SELECT count(*) FROM patients)::int AS p`))[0];
      const before = await count();
      const duplicate = await reception.post(`/api/enquiries/${second?.id}/convert`, {
        patient,
        consultation: { ...consultation, startsAt: slot(10, 3) },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('DUPLICATE_PATIENT');
      const clash = await reception.post(`/api/enquiries/${second?.id}/convert`, {
        patient: { ...patient, confirmDuplicate: true },
        consultation,
      });
      expect(clash.status).toBe(422);
      expect(clash.body.code).toBe('DOUBLE_BOOKED');
      expect(await count()).toEqual(before);
      expect((await inbox()).find((e) => e.id === second?.id)?.status).toBe('new');

      const bad = await reception.post(`/api/enquiries/${second?.id}/convert`, {
        patient: { ...patient, sex: 'x' },
        consultation: { ...consultation, durationMinutes: 0 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['consultation.durationMinutes', 'patient.sex']);
    });
  });

  describe('access (SPEC §3)', () => {
    it('lets reception and clinicians book and take payments, managers read, admin nothing', async () => {
      const c = await book({ startsAt: slot(11) });
      expect((await manager.get(`/api/consultations/${c.body.id}`)).status).toBe(200);
      expect(
        (await manager.post(`/api/consultations/${c.body.id}/payments`, { kind: 'deposit', amountPence: 2500, method: 'card' })).status,
      ).toBe(403);
      expect((await admin.get(`/api/consultations/${c.body.id}`)).status).toBe(403);
      expect((await admin.get('/api/consultations')).status).toBe(403);
      expect(
        (await clinician.post(`/api/consultations/${c.body.id}/payments`, { kind: 'deposit', amountPence: 2500, method: 'cash' })).status,
      ).toBe(201);
    });
  });
});
