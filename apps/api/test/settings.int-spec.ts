import request from 'supertest';
import { Clinic, clinicToday, plusDays } from './courses.fixtures';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/** The first date on or after a week from today that falls on `weekday` (0 Sunday … 6 Saturday). */
const nextWeekday = (weekday: number) => {
  let date = plusDays(clinicToday(), 7);
  while (new Date(`${date}T12:00:00Z`).getUTCDay() !== weekday) date = plusDays(date, 1);
  return date;
};

const WEEK = {
  monday: { opens: '09:00', closes: '18:00' },
  tuesday: { opens: '09:00', closes: '18:00' },
  wednesday: { opens: '09:00', closes: '19:30' },
  thursday: { opens: '09:00', closes: '18:00' },
  friday: { opens: '09:00', closes: '17:00' },
  saturday: { opens: '09:00', closes: '13:00' },
  sunday: null,
};

describe('clinic settings', () => {
  let t: TestApp;
  let admin: StaffClient;
  let reception: StaffClient;
  let clinician: StaffClient;
  let manager: StaffClient;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ admin, reception, clinician, manager } = await t.signInAll());
    clinic = new Clinic(t, reception, clinician);
  });

  const IDENTITY = {
    name: 'Harbour Vein Clinic',
    address: '14 Quay Street, Bristol BS1 4DB',
    phone: '0117 496 0321',
    outOfHoursPhone: '07700 900461',
  };
  afterAll(() => t.stop());

  /** The settings as read, with `over` laid on top: what the form sends. */
  const edited = async (over: Record<string, unknown> = {}) => {
    const { updatedAt: _, ...current } = (await admin.get('/api/settings')).body;
    // A new clinic has no address or numbers yet; the form asks for them before its first save.
    const identity = current.clinic.phone ? current.clinic : IDENTITY;
    return { ...current, clinic: identity, openingHours: current.openingHours ?? WEEK, ...over };
  };

  it('gives admin every setting with the SPEC defaults, and each clinician’s working days', async () => {
    const res = await admin.get('/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      scanValidityMonths: 12,
      minIntervalDays: 28,
      maxIntervalDays: 84,
      lateEntryDays: 7,
      sessionIdleMinutes: 30,
      namedDoctorFeePence: 5000,
      consultationDepositPence: 2500,
      openingHours: null,
    });
    expect(res.body.clinicians).toContainEqual({
      clinicianId: clinician.userId,
      displayName: expect.any(String),
      workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    });
  });

  it('is for admin only; the clinic’s identity is for every member of staff and nobody else', async () => {
    for (const who of [reception, clinician, manager]) {
      expect((await who.get('/api/settings')).status).toBe(403);
      expect((await who.put('/api/settings', await edited())).status).toBe(403);
      expect((await who.get('/api/clinic')).status).toBe(200);
    }
    const anonymous = await StaffClient.open(t.server);
    expect((await anonymous.get('/api/clinic')).status).toBe(401);
  });

  it('saves the whole document, bumps its version, and the new values take effect', async () => {
    const body = await edited({
      clinic: IDENTITY,
      scanValidityMonths: 6,
      namedDoctorFeePence: 6000,
      consultationDepositPence: 3000,
      openingHours: WEEK,
      clinicians: [{ clinicianId: clinician.userId, workingDays: ['friday', 'monday', 'wednesday', 'monday'] }],
    });
    const res = await admin.put('/api/settings', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: body.version + 1, scanValidityMonths: 6, openingHours: WEEK });
    expect(res.body.clinicians).toContainEqual(
      expect.objectContaining({ clinicianId: clinician.userId, workingDays: ['monday', 'wednesday', 'friday'] }),
    );

    // Reception reads the identity printed for patients and the hours the diary offers free slots in.
    expect((await reception.get('/api/clinic')).body).toEqual({ ...IDENTITY, openingHours: WEEK });
    const page = await request(t.server).get('/enquire');
    expect(page.text).toContain('Harbour Vein Clinic');
    expect(page.text).toContain('14 Quay Street, Bristol BS1 4DB');
    expect(page.text).toContain('href="tel:01174960321"');

    const patientId = await clinic.patient({ history: false, scans: [] });
    const booked = await reception.post('/api/consultations', {
      type: 'named_doctor',
      patientId,
      clinicianId: clinician.userId,
      startsAt: `${nextWeekday(1)}T12:00:00Z`,
      durationMinutes: 30,
    });
    expect(booked.body).toMatchObject({ feePence: 6000, depositPence: 3000, warnings: [] });
  });

  it('records each change in the audit trail with its values before and after', async () => {
    const before = await edited();
    const res = await admin.put('/api/settings', {
      ...before,
      lateEntryDays: 3,
      clinic: { ...before.clinic, outOfHoursPhone: '07700 900999' },
    });
    expect(res.status).toBe(200);
    const [row] = await t.db.query(
      `SELECT actor_id, action, entity, fields, changes FROM audit_events WHERE entity = 'clinic_settings' ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toMatchObject({ actor_id: admin.userId, action: 'update', entity: 'clinic_settings' });
    expect(row.fields.sort()).toEqual(['clinic.outOfHoursPhone', 'lateEntryDays']);
    expect(row.changes).toEqual({
      lateEntryDays: { before: before.lateEntryDays, after: 3 },
      'clinic.outOfHoursPhone': { before: before.clinic.outOfHoursPhone, after: '07700 900999' },
    });
    const trail = await admin.get('/api/audit?entity=clinic_settings');
    expect(trail.body.items[0].changes).toEqual(row.changes);
  });

  it('refuses a stale version with 409 and keeps the settings of whoever saved first', async () => {
    const form = await edited();
    expect((await admin.put('/api/settings', { ...form, lateEntryDays: 5 })).status).toBe(200);
    const stale = await admin.put('/api/settings', { ...form, lateEntryDays: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'VERSION_CONFLICT',
      detail: expect.stringMatching(/clinic settings was changed by someone else/),
    });
    expect((await admin.get('/api/settings')).body.lateEntryDays).toBe(5);
  });

  it('lets exactly one of two saves of the same version win', async () => {
    const form = await edited();
    const results = await Promise.all([
      admin.put('/api/settings', { ...form, minIntervalDays: 30 }),
      admin.put('/api/settings', { ...form, minIntervalDays: 35 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await admin.get('/api/settings')).body.version).toBe(form.version + 1);
  });

  it('names every field at fault, as the form does, and changes nothing', async () => {
    const form = await edited();
    const res = await admin.put('/api/settings', {
      ...form,
      clinic: { ...form.clinic, phone: 'call us' },
      scanValidityMonths: 0,
      lateEntryDays: 2.5,
      openingHours: { ...WEEK, monday: { opens: '9am', closes: '18:00' } },
      clinicians: [{ clinicianId: clinician.userId, workingDays: ['funday'] }],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'clinic.phone',
      'clinicians.0.workingDays',
      'lateEntryDays',
      'openingHours.monday.opens',
      'scanValidityMonths',
    ]);
    expect((await admin.get('/api/settings')).body).toEqual({ ...form, updatedAt: expect.any(String) });
  });

  it.each`
    case                                      | over                                                                                                                         | field
    ${'a deposit above the fee'}              | ${{ namedDoctorFeePence: 4000, consultationDepositPence: 4500 }}                                                             | ${'consultationDepositPence'}
    ${'an overdue limit before the interval'} | ${{ minIntervalDays: 60, maxIntervalDays: 50 }}                                                                              | ${'maxIntervalDays'}
    ${'a day closing before it opens'}        | ${{ openingHours: { ...WEEK, tuesday: { opens: '18:00', closes: '09:00' } } }}                                               | ${'openingHours.tuesday.closes'}
    ${'a day left out of the week'}           | ${{ openingHours: { ...WEEK, sunday: undefined } }}                                                                          | ${'openingHours.sunday'}
    ${'an empty clinic name'}                 | ${{ clinic: { name: ' ', address: '1 High Street, Bath BA1 1AA', phone: '01225 496000', outOfHoursPhone: '07700 900123' } }} | ${'clinic.name'}
    ${'someone who is not a clinician'}       | ${{ clinicians: [{ clinicianId: '00000000-0000-4000-8000-000000000000', workingDays: ['monday'] }] }}                        | ${'clinicians.0.clinicianId'}
    ${'an unknown setting'}                   | ${{ colourScheme: 'teal' }}                                                                                                  | ${'colourScheme'}
  `('refuses $case, naming $field', async ({ over, field }) => {
    const form = await edited();
    const res = await admin.put('/api/settings', { ...form, ...over });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await admin.get('/api/settings')).body.version).toBe(form.version);
  });

  describe('bookings outside opening hours or a clinician’s working days', () => {
    beforeAll(async () => {
      const form = await edited({
        openingHours: WEEK,
        clinicians: [{ clinicianId: clinician.userId, workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] }],
      });
      expect((await admin.put('/api/settings', form)).status).toBe(200);
    });

    it('books a consultation on a Sunday but warns that the clinic is closed and the clinician is off', async () => {
      const patientId = await clinic.patient({ history: false, scans: [] });
      const res = await reception.post('/api/consultations', {
        type: 'free',
        patientId,
        clinicianId: clinician.userId,
        startsAt: `${nextWeekday(0)}T12:00:00Z`,
        durationMinutes: 30,
      });
      expect(res.status).toBe(201);
      expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['OUTSIDE_OPENING_HOURS', 'CLINICIAN_NOT_WORKING']);
      expect(res.body.warnings[0].message).toBe('The clinic is closed on Sundays.');

      const moved = await reception.patch(`/api/consultations/${res.body.id}`, {
        version: res.body.version,
        startsAt: `${nextWeekday(2)}T12:00:00Z`,
      });
      expect(moved.status).toBe(200);
      expect(moved.body.warnings).toEqual([]);
    });

    it('books a session in the evening but warns it runs past closing time', async () => {
      const patientId = await clinic.patient();
      const courseId = await clinic.course(patientId);
      const res = await reception.post(`/api/courses/${courseId}/sessions`, {
        scheduledFor: `${nextWeekday(4)}T18:30:00Z`,
        clinicianId: clinician.userId,
      });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toContainEqual(
        expect.objectContaining({ code: 'OUTSIDE_OPENING_HOURS', message: expect.stringContaining('on Thursdays') }),
      );
      expect(res.body.warnings.map((w: { code: string }) => w.code)).not.toContain('CLINICIAN_NOT_WORKING');
    });
  });
});
