import type { Role } from '@venule/api-contract';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const siobhan = {
  firstName: 'Siobhán',
  lastName: 'Ó Briain',
  dateOfBirth: '1984-02-29',
  sex: 'female',
  phone: '+44 7700 900123',
  email: 'Siobhan.OBriain@Example.org',
  postcode: 'sw1a1aa',
};

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

/** Today and relative dates as the API's clinic (Europe/London) sees them. */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('patient registry', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let n = 0;
  /** A valid, unique registration body. */
  const person = (over: Record<string, unknown> = {}) => {
    n += 1;
    return {
      firstName: 'Test',
      lastName: `Person${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}`,
      dateOfBirth: '1990-05-17',
      sex: 'female',
      phone: `07700 9${String(n).padStart(5, '0')}`,
      email: `person${n}@example.org`,
      ...over,
    };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
  });
  afterAll(() => t.stop());

  describe('registration', () => {
    it('registers a patient with a generated clinic number, tidied fields and an audit event', async () => {
      const res = await staff.reception.post('/api/patients', siobhan);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        firstName: 'Siobhán',
        lastName: 'Ó Briain',
        dateOfBirth: '1984-02-29',
        email: 'siobhan.obriain@example.org',
        postcode: 'SW1A 1AA',
        archived: false,
        version: 1,
        address: null,
        gpName: null,
      });
      expect(res.body.clinicNumber).toMatch(/^VN-\d{6}$/);
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);

      const [event] = await t.db.query(`SELECT * FROM audit_events WHERE entity = 'patient' AND entity_id = $1`, [res.body.id]);
      expect(event).toMatchObject({ action: 'create', actor_id: staff.reception.userId, patient_id: res.body.id });
      expect(event.fields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth', 'postcode']));
      expect(JSON.stringify(event)).not.toContain('Siobh');
    });

    it('gives every patient a different clinic number', async () => {
      const a = await staff.clinician.post('/api/patients', person());
      const b = await staff.clinician.post('/api/patients', person());
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.clinicNumber).not.toBe(b.body.clinicNumber);
    });

    it.each([
      ['firstName', { firstName: '' }],
      ['firstName', { firstName: undefined }],
      ['lastName', { lastName: '<b>Smith</b>' }],
      ['lastName', { lastName: '2Smith' }],
      ['lastName', { lastName: 'x'.repeat(101) }],
      ['dateOfBirth', { dateOfBirth: '2023-02-29' }],
      ['dateOfBirth', { dateOfBirth: '17/05/1990' }],
      ['dateOfBirth', { dateOfBirth: '1899-12-31' }],
      ['sex', { sex: 'f' }],
      ['phone', { phone: '12345' }],
      ['phone', { phone: '07700 900 12a' }],
      ['phone', { phone: '+44 7700' }],
      ['email', { email: 'not-an-email' }],
      ['postcode', { postcode: '12345' }],
      ['address', { address: 'x'.repeat(301) }],
      ['gpName', { gpName: 42 }],
      ['confirmDuplicate', { confirmDuplicate: 'yes' }],
    ])('refuses a bad %s with 400 naming the field (%j)', async (field, over) => {
      const res = await staff.reception.post('/api/patients', person(over));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toEqual([field]);
    });

    it('refuses a date of birth in the future, naming the field', async () => {
      const res = await staff.reception.post('/api/patients', person({ dateOfBirth: plusDays(londonToday(), 1) }));
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['dateOfBirth']);
    });

    it('names every bad field at once', async () => {
      const res = await staff.reception.post('/api/patients', { firstName: '', dateOfBirth: 'soon', sex: 'x', phone: '1', email: 'e' });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body).sort()).toEqual(['dateOfBirth', 'email', 'firstName', 'lastName', 'phone', 'sex']);
    });

    it('registers a patient who gives only a phone number, or only an email address', async () => {
      const phoneOnly = await staff.reception.post('/api/patients', person({ email: undefined }));
      expect(phoneOnly.status).toBe(201);
      expect(phoneOnly.body.email).toBeNull();
      const emailOnly = await staff.reception.post('/api/patients', person({ phone: '', email: 'only.email@example.org' }));
      expect(emailOnly.status).toBe(201);
      expect(emailOnly.body).toMatchObject({ phone: null, email: 'only.email@example.org' });
    });

    it('needs at least one way to reach the patient, naming both fields', async () => {
      const res = await staff.reception.post('/api/patients', person({ phone: ' ', email: null }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'phone', messages: ['is required when there is no email address'] },
        { field: 'email', messages: ['is required when there is no phone number'] },
      ]);
    });

    it('refuses unknown fields', async () => {
      const res = await staff.reception.post('/api/patients', person({ nhsNumber: '123' }));
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['nhsNumber']);
    });

    it.each([
      ['07700 900123'],
      ['+44 7700 900123'],
      ['+44 (0)20 7946 0000'],
      ['020 7946 0000'],
      ['+33 1 23 45 67 89'],
      ['0033 1 23 45 67 89'],
    ])('accepts the phone number %s', async (phone) => {
      expect((await staff.reception.post('/api/patients', person({ phone }))).status).toBe(201);
    });

    it('accepts names with accents, apostrophes and hyphens', async () => {
      for (const [firstName, lastName] of [
        ['Zoë', "O'Neill"],
        ['Mary-Kate', 'Smith-Jones'],
        ['Łucja', 'Wiśniewska'],
      ]) {
        expect((await staff.reception.post('/api/patients', person({ firstName, lastName }))).status).toBe(201);
      }
    });

    it('warns of a duplicate (same name ignoring case and accents, same DOB) with 409 listing the matches, until confirmed', async () => {
      const first = await staff.reception.post(
        '/api/patients',
        person({ firstName: 'Chloé', lastName: 'Dubois', dateOfBirth: '1979-11-03' }),
      );
      expect(first.status).toBe(201);
      const again = person({ firstName: 'chloe', lastName: 'DUBOIS', dateOfBirth: '1979-11-03' });
      const dup = await staff.reception.post('/api/patients', again);
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('DUPLICATE_PATIENT');
      expect(dup.body.matches).toEqual([
        expect.objectContaining({ id: first.body.id, clinicNumber: first.body.clinicNumber, dateOfBirth: '1979-11-03' }),
      ]);
      const [{ n: count }] = await t.db.query(`SELECT count(*)::int AS n FROM patients WHERE last_name ILIKE 'dubois'`);
      expect(count).toBe(1);

      const confirmed = await staff.reception.post('/api/patients', { ...again, confirmDuplicate: true });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.clinicNumber).not.toBe(first.body.clinicNumber);
    });

    it('does not call a namesake with another date of birth a duplicate', async () => {
      await staff.reception.post('/api/patients', person({ firstName: 'Anna', lastName: 'Nowak', dateOfBirth: '1980-01-01' }));
      const other = await staff.reception.post(
        '/api/patients',
        person({ firstName: 'Anna', lastName: 'Nowak', dateOfBirth: '1980-01-02' }),
      );
      expect(other.status).toBe(201);
    });

    it('warns of a duplicate of an archived patient too', async () => {
      const first = await staff.reception.post(
        '/api/patients',
        person({ firstName: 'Gwen', lastName: 'Archer', dateOfBirth: '1966-06-06' }),
      );
      await staff.reception.patch(`/api/patients/${first.body.id}`, { version: 1, archived: true });
      const dup = await staff.reception.post('/api/patients', person({ firstName: 'Gwen', lastName: 'Archer', dateOfBirth: '1966-06-06' }));
      expect(dup.status).toBe(409);
      expect(dup.body.matches).toEqual([expect.objectContaining({ id: first.body.id, archived: true })]);
    });

    it('lets only reception and clinicians register', async () => {
      expect((await staff.manager.post('/api/patients', person())).status).toBe(403);
      expect((await staff.admin.post('/api/patients', person())).status).toBe(403);
    });
  });

  describe('reading and changing demographics', () => {
    it('lets all four roles read a patient, and audits the read', async () => {
      const created = await staff.reception.post('/api/patients', person());
      for (const role of ['reception', 'clinician', 'manager', 'admin'] as const) {
        const res = await staff[role].get(`/api/patients/${created.body.id}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: created.body.id, clinicNumber: created.body.clinicNumber });
      }
      const reads = await t.db.query(`SELECT actor_id FROM audit_events WHERE action = 'read' AND entity = 'patient' AND entity_id = $1`, [
        created.body.id,
      ]);
      expect(reads).toHaveLength(4);
    });

    it('answers 404 for an unknown patient and 400 for a malformed id', async () => {
      expect((await staff.reception.get('/api/patients/00000000-0000-4000-8000-000000000000')).body.code).toBe('NOT_FOUND');
      expect((await staff.reception.get('/api/patients/not-an-id')).status).toBe(400);
    });

    it('refuses a signed-out caller', async () => {
      const created = await staff.reception.post('/api/patients', person());
      const anon = await StaffClient.open(t.server);
      expect((await anon.get(`/api/patients/${created.body.id}`)).status).toBe(401);
      expect((await anon.get(`/api/patients?q=test`)).status).toBe(401);
    });

    it('updates with the current version, records the changed field names, and refuses a stale version with 409', async () => {
      const created = await staff.reception.post('/api/patients', person());
      const id = created.body.id;
      const ok = await staff.clinician.patch(`/api/patients/${id}`, {
        version: 1,
        phone: '+44 7700 900999',
        gpName: 'Dr Patel',
        email: created.body.email,
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: 2, phone: '+44 7700 900999', gpName: 'Dr Patel' });

      const stale = await staff.reception.patch(`/api/patients/${id}`, { version: 1, phone: '07700 900000' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await staff.reception.get(`/api/patients/${id}`)).body.phone).toBe('+44 7700 900999');

      const [event] = await t.db.query(`SELECT fields, actor_id FROM audit_events WHERE action = 'update' AND entity_id = $1`, [id]);
      expect(event).toEqual({ fields: ['phone', 'gpName'], actor_id: staff.clinician.userId });
    });

    it('validates PATCH fields like registration and refuses clearing a required one', async () => {
      const created = await staff.reception.post('/api/patients', person());
      const bad = await staff.reception.patch(`/api/patients/${created.body.id}`, { version: 1, email: 'nope', postcode: 'XYZ' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body).sort()).toEqual(['email', 'postcode']);
      const cleared = await staff.reception.patch(`/api/patients/${created.body.id}`, { version: 1, lastName: null });
      expect(cleared.status).toBe(400);
      expect(fieldsOf(cleared.body)).toEqual(['lastName']);
      const noVersion = await staff.reception.patch(`/api/patients/${created.body.id}`, { phone: '07700 900001' });
      expect(fieldsOf(noVersion.body)).toEqual(['version']);
      const future = await staff.reception.patch(`/api/patients/${created.body.id}`, {
        version: 1,
        dateOfBirth: plusDays(londonToday(), 3),
      });
      expect(fieldsOf(future.body)).toEqual(['dateOfBirth']);
    });

    it('lets one way of reaching the patient be removed, but not the last', async () => {
      const created = await staff.reception.post('/api/patients', person());
      const stillPreferred = await staff.reception.patch(`/api/patients/${created.body.id}`, { version: 1, email: null });
      expect(stillPreferred.status).toBe(400);
      expect(stillPreferred.body.errors).toEqual([
        { field: 'email', messages: ['cannot be removed while messages go by email: change the contact preference first'] },
      ]);
      const noEmail = await staff.reception.patch(`/api/patients/${created.body.id}`, {
        version: 1,
        email: null,
        contactPreference: 'sms',
      });
      expect(noEmail.status).toBe(200);
      expect(noEmail.body.email).toBeNull();
      const noPhone = await staff.reception.patch(`/api/patients/${created.body.id}`, { version: 2, phone: null });
      expect(noPhone.status).toBe(400);
      expect(fieldsOf(noPhone.body)).toEqual(['phone']);
      expect((await staff.reception.get(`/api/patients/${created.body.id}`)).body.phone).not.toBeNull();
    });

    it('keeps how the patient wants messages: email by default when there is an address, else text; opting out is audited', async () => {
      const withEmail = await staff.reception.post('/api/patients', person());
      expect(withEmail.body.contactPreference).toBe('email');
      expect((await staff.reception.post('/api/patients', person({ email: null }))).body.contactPreference).toBe('sms');
      const chosen = await staff.reception.post('/api/patients', person({ contactPreference: 'none' }));
      expect(chosen.status).toBe(201);
      expect(chosen.body.contactPreference).toBe('none');

      const noAddress = await staff.reception.post('/api/patients', person({ email: null, contactPreference: 'email' }));
      expect(noAddress.status).toBe(400);
      expect(noAddress.body.errors).toEqual([
        { field: 'contactPreference', messages: ['cannot be email: the patient has no email address'] },
      ]);
      const noPhone = await staff.reception.post('/api/patients', person({ phone: null, contactPreference: 'sms' }));
      expect(noPhone.body.errors).toEqual([
        { field: 'contactPreference', messages: ['cannot be text message: the patient has no phone number'] },
      ]);
      const unknown = await staff.reception.post('/api/patients', person({ contactPreference: 'post' }));
      expect(unknown.body.errors).toEqual([{ field: 'contactPreference', messages: ['must be one of email, sms, none'] }]);

      const id = withEmail.body.id as string;
      expect(fieldsOf((await staff.reception.patch(`/api/patients/${id}`, { version: 1, contactPreference: null })).body)).toEqual([
        'contactPreference',
      ]);
      const optedOut = await staff.reception.patch(`/api/patients/${id}`, { version: 1, contactPreference: 'none' });
      expect(optedOut.status).toBe(200);
      expect(optedOut.body).toMatchObject({ contactPreference: 'none', version: 2 });
      const events = await t.db.query(
        `SELECT action, fields FROM audit_events WHERE entity = 'patient' AND entity_id = $1 AND action = 'update'`,
        [id],
      );
      expect(events).toEqual([{ action: 'update', fields: ['contactPreference'] }]);
    });

    it('lets managers and admins read but not change demographics', async () => {
      const created = await staff.reception.post('/api/patients', person());
      expect((await staff.manager.patch(`/api/patients/${created.body.id}`, { version: 1, gpName: 'x' })).status).toBe(403);
      expect((await staff.admin.patch(`/api/patients/${created.body.id}`, { version: 1, gpName: 'x' })).status).toBe(403);
    });

    it('archives and restores a patient, never deleting them', async () => {
      const created = await staff.reception.post('/api/patients', person({ firstName: 'Ottilie', lastName: 'Quarrington' }));
      const id = created.body.id;
      const archived = await staff.reception.patch(`/api/patients/${id}`, { version: 1, archived: true });
      expect(archived.body).toMatchObject({ archived: true, version: 2 });
      expect((await staff.reception.get('/api/patients?q=quarrington')).body.total).toBe(0);
      const withArchived = await staff.reception.get('/api/patients?q=quarrington&includeArchived=true');
      expect(withArchived.body.items).toEqual([expect.objectContaining({ id, archived: true })]);
      expect((await staff.reception.get(`/api/patients/${id}`)).status).toBe(200);

      const restored = await staff.clinician.patch(`/api/patients/${id}`, { version: 2, archived: false });
      expect(restored.body).toMatchObject({ archived: false, version: 3 });
      expect((await staff.reception.get('/api/patients?q=quarrington')).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
      const events = await t.db.query(`SELECT fields FROM audit_events WHERE action = 'update' AND entity_id = $1 ORDER BY id`, [id]);
      expect(events).toEqual([{ fields: ['archived'] }, { fields: ['archived'] }]);
    });

    it('has no way to delete a patient', async () => {
      const created = await staff.reception.post('/api/patients', person());
      const res = await staff.clinician.delete(`/api/patients/${created.body.id}`);
      expect(res.status).toBe(404);
      expect((await staff.reception.get(`/api/patients/${created.body.id}`)).status).toBe(200);
    });
  });
});
