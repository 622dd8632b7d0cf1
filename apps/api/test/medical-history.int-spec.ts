import type { Role } from '@venule/api-contract';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

describe('medical history', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let n = 0;
  const newPatient = async (): Promise<string> => {
    n += 1;
    const res = await staff.reception.post('/api/patients', {
      firstName: 'History',
      lastName: `Patient${String.fromCharCode(97 + n)}`,
      dateOfBirth: '1980-04-04',
      sex: 'female',
      phone: `07700 90${String(n).padStart(4, '0')}`,
      email: `history${n}@example.org`,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id;
  };
  const valid = () => ({
    conditions: ['smoking', 'hormonal_therapy'],
    acknowledgements: { smoking: '10 a day; advised to stop before treatment', hormonal_therapy: 'Combined pill; discussed clot risk' },
    weightKg: 64.5,
    weightMeasuredOn: plusDays(londonToday(), -10),
    ceap: { left: { c: 'C1', e: 'Ep', a: 'As', p: 'Pn', assessedOn: plusDays(londonToday(), -10), symptomatic: false } },
  });
  const url = (id: string) => `/api/patients/${id}/medical-history`;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
  });
  afterAll(() => t.stop());

  it('records the first history (201), reads it back, replaces it with the version read (200), and refuses a stale version (409)', async () => {
    const id = await newPatient();
    const created = await staff.clinician.put(url(id), valid());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      patientId: id,
      conditions: ['hormonal_therapy', 'smoking'],
      acknowledgements: valid().acknowledgements,
      weightKg: 64.5,
      weightMeasuredOn: valid().weightMeasuredOn,
      ceap: { left: valid().ceap.left },
      recordedBy: staff.clinician.userId,
      version: 1,
    });

    const read = await staff.clinician.get(url(id));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const replaced = await staff.clinician.put(url(id), {
      conditions: [],
      acknowledgements: {},
      weightKg: 66,
      weightMeasuredOn: londonToday(),
      version: 1,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ conditions: [], acknowledgements: {}, weightKg: 66, ceap: {}, version: 2 });

    const stale = await staff.clinician.put(url(id), { ...valid(), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await staff.manager.get(url(id))).body.version).toBe(2);
  });

  it('refuses a second "first" history (no version) with 409 instead of overwriting it', async () => {
    const id = await newPatient();
    expect((await staff.clinician.put(url(id), valid())).status).toBe(201);
    const again = await staff.clinician.put(url(id), { conditions: [], acknowledgements: {}, weightKg: null, weightMeasuredOn: null });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('VERSION_CONFLICT');
  });

  it('answers 404 NOT_FOUND for a patient with no history, and for an unknown patient', async () => {
    const id = await newPatient();
    const none = await staff.clinician.get(url(id));
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NOT_FOUND');
    expect((await staff.clinician.get(url('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await staff.clinician.put(url('00000000-0000-4000-8000-000000000000'), valid())).status).toBe(404);
  });

  describe('access (SPEC §3)', () => {
    let id: string;
    beforeAll(async () => {
      id = await newPatient();
      await staff.clinician.put(url(id), valid());
    });

    it('refuses reception reading AND writing with 403', async () => {
      expect((await staff.reception.get(url(id))).status).toBe(403);
      const write = await staff.reception.put(url(id), { ...valid(), version: 1 });
      expect(write.status).toBe(403);
      expect(write.body.code).toBe('FORBIDDEN');
    });

    it('refuses admin reading and writing with 403', async () => {
      expect((await staff.admin.get(url(id))).status).toBe(403);
      expect((await staff.admin.put(url(id), { ...valid(), version: 1 })).status).toBe(403);
    });

    it('lets a manager read but not write', async () => {
      expect((await staff.manager.get(url(id))).status).toBe(200);
      expect((await staff.manager.put(url(id), { ...valid(), version: 1 })).status).toBe(403);
      expect((await staff.clinician.get(url(id))).body.version).toBe(1);
    });

    it('lets another clinician read and write (clinical records belong to the clinic)', async () => {
      const other = await t.signIn('clinician');
      const res = await other.put(url(id), { ...valid(), weightKg: 70, version: 1 });
      expect(res.status).toBe(200);
      expect(res.body.recordedBy).toBe(other.userId);
    });
  });

  describe('validation', () => {
    let id: string;
    beforeAll(async () => {
      id = await newPatient();
    });

    it('requires a note for each relative condition, naming acknowledgements.<code>', async () => {
      const res = await staff.clinician.put(url(id), {
        ...valid(),
        conditions: ['smoking', 'migraine_with_aura', 'pregnancy'],
        acknowledgements: { smoking: '  ' },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toEqual(['acknowledgements.migraine_with_aura', 'acknowledgements.smoking']);
      expect((await staff.clinician.get(url(id))).status).toBe(404);
    });

    it('stores an absolute contraindication (pregnancy) without a note: it blocks treatment, not recording', async () => {
      const p = await newPatient();
      const res = await staff.clinician.put(url(p), {
        conditions: ['pregnancy'],
        acknowledgements: {},
        weightKg: null,
        weightMeasuredOn: null,
      });
      expect(res.status).toBe(201);
      expect(res.body.conditions).toEqual(['pregnancy']);
    });

    it.each([
      ['an unknown condition', { conditions: ['broken_leg'], acknowledgements: {} }, ['conditions']],
      ['a note for an unknown condition', { acknowledgements: { ...valid().acknowledgements, vibes: 'x' } }, ['acknowledgements']],
      [
        'a note for a condition not ticked',
        { acknowledgements: { ...valid().acknowledgements, obesity: 'BMI 32' } },
        ['acknowledgements.obesity'],
      ],
      [
        'a note for an absolute condition',
        { conditions: ['smoking', 'hormonal_therapy', 'pregnancy'], acknowledgements: { ...valid().acknowledgements, pregnancy: 'ok' } },
        ['acknowledgements.pregnancy'],
      ],
      ['a weight too low', { weightKg: 12 }, ['weightKg']],
      ['a weight too high', { weightKg: 400 }, ['weightKg']],
      ['a weight as text', { weightKg: '64' }, ['weightKg']],
      ['a weight without its date', { weightMeasuredOn: null }, ['weightMeasuredOn']],
      ['a weight date in the future', { weightMeasuredOn: plusDays(londonToday(), 2) }, ['weightMeasuredOn']],
      ['a weight date that does not exist', { weightMeasuredOn: '2025-02-30' }, ['weightMeasuredOn']],
      ['a bad CEAP class', { ceap: { right: { c: 'C9' } } }, ['ceap.right.c']],
      [
        'a CEAP assessment in the future',
        { ceap: { left: { c: 'C1', assessedOn: plusDays(londonToday(), 5) } } },
        ['ceap.left.assessedOn'],
      ],
      ['an unknown CEAP field', { ceap: { left: { c: 'C1', colour: 'blue' } } }, ['ceap.left.colour']],
      ['conditions missing', { conditions: undefined }, ['conditions']],
      ['an unknown field', { notes: 'x' }, ['notes']],
    ])('refuses %s with 400 naming the field', async (_, over, fields) => {
      const res = await staff.clinician.put(url(id), { ...valid(), ...over });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(fields);
    });

    it('accepts a history without weight or CEAP', async () => {
      const p = await newPatient();
      const res = await staff.clinician.put(url(p), { conditions: [], acknowledgements: {} });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ weightKg: null, weightMeasuredOn: null, ceap: {} });
    });
  });

  describe('audit', () => {
    it('records every write (changed field names only) and every read, in the same transaction', async () => {
      const id = await newPatient();
      await staff.clinician.put(url(id), valid());
      await staff.manager.get(url(id));
      await staff.clinician.put(url(id), { ...valid(), weightKg: 63, version: 1 });
      await staff.reception.get(url(id)); // refused: not a read
      await staff.clinician.put(url(id), { ...valid(), weightKg: 5, version: 2 }); // refused: not a write

      const events = await t.db.query(
        `SELECT action, actor_id AS "actorId", fields FROM audit_events WHERE patient_id = $1 AND entity = 'medical_history' ORDER BY id`,
        [id],
      );
      expect(events).toEqual([
        {
          action: 'create',
          actorId: staff.clinician.userId,
          fields: ['conditions', 'acknowledgements', 'weightKg', 'weightMeasuredOn', 'ceap'],
        },
        { action: 'read', actorId: staff.manager.userId, fields: [] },
        { action: 'update', actorId: staff.clinician.userId, fields: ['weightKg'] },
      ]);
      const raw = JSON.stringify(await t.db.query(`SELECT * FROM audit_events WHERE patient_id = $1`, [id]));
      expect(raw).not.toContain('advised to stop');
    });
  });
});
