import type { AuditEvent, Role } from '@venule/api-contract';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let patientId: string;
  let otherPatientId: string;

  const register = async (lastName: string, phone: string) => {
    const res = await staff.reception.post('/api/patients', {
      firstName: 'Audit',
      lastName,
      dateOfBirth: '1975-09-09',
      sex: 'female',
      phone,
      email: `${lastName.toLowerCase()}@example.org`,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as string;
  };
  const trail = async (query: string, who: Role = 'manager') => {
    const res = await staff[who].get(`/api/audit${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: AuditEvent[]; total: number; limit: number; offset: number };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
    patientId = await register('Subject', '07700 900811');
    otherPatientId = await register('Bystander', '07700 900822');
    await staff.clinician.patch(`/api/patients/${patientId}`, { version: 1, gpName: 'Dr Who' });
    await staff.clinician.put(`/api/patients/${patientId}/medical-history`, {
      conditions: ['smoking'],
      acknowledgements: { smoking: 'secret note' },
      weightKg: 70,
      weightMeasuredOn: '2025-01-01',
    });
    await staff.manager.get(`/api/patients/${patientId}/medical-history`);
  });
  afterAll(() => t.stop());

  it('lists a patient’s events newest first, with the actor’s email and field names only', async () => {
    const { items, total } = await trail(`?patientId=${patientId}`);
    expect(total).toBe(4);
    expect(items.map((e) => [e.action, e.entity])).toEqual([
      ['read', 'medical_history'],
      ['create', 'medical_history'],
      ['update', 'patient'],
      ['create', 'patient'],
    ]);
    expect(items[0]).toMatchObject({
      actorId: staff.manager.userId,
      actorEmail: expect.stringContaining('manager'),
      patientId,
      fields: [],
    });
    expect(items[2]).toMatchObject({
      actorId: staff.clinician.userId,
      entityId: patientId,
      fields: ['gpName'],
      patientClinicNumber: expect.stringMatching(/^VN-/),
    });
    expect(new Date(items[0].at).toISOString()).toBe(items[0].at);
    expect(items.every((e) => e.patientId === patientId)).toBe(true);
    expect(JSON.stringify(items)).not.toMatch(/secret note|Dr Who/);
  });

  it('lets admins read it too, and refuses reception and clinicians with 403', async () => {
    expect((await trail(`?patientId=${patientId}`, 'admin')).total).toBe(4);
    for (const role of ['reception', 'clinician'] as const) {
      const res = await staff[role].get(`/api/audit?patientId=${patientId}`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('filters by actor, entity and action', async () => {
    const byClinician = await trail(`?actorId=${staff.clinician.userId}`);
    expect(byClinician.items.map((e) => e.action).sort()).toEqual(['create', 'login', 'update']);
    expect(byClinician.items.every((e) => e.actorId === staff.clinician.userId)).toBe(true);
    const reads = await trail(`?entity=medical_history&action=read`);
    expect(reads.items).toEqual([expect.objectContaining({ patientId, actorId: staff.manager.userId })]);
    const other = await trail(`?patientId=${otherPatientId}`);
    expect(other.items.map((e) => e.action)).toEqual(['create']);
  });

  it('filters by time: from inclusive, to exclusive, and whole days by date', async () => {
    const all = await trail(`?patientId=${patientId}`);
    const newest = all.items[0].at;
    expect((await trail(`?patientId=${patientId}&from=${encodeURIComponent(newest)}`)).items.map((e) => e.id)).toContain(all.items[0].id);
    expect((await trail(`?patientId=${patientId}&to=${encodeURIComponent(all.items[3].at)}`)).total).toBe(0);
    expect((await trail(`?patientId=${patientId}&from=2000-01-01&to=2000-12-31`)).total).toBe(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    expect((await trail(`?patientId=${patientId}&from=${today}&to=${today}`)).total).toBe(4);
  });

  it('pages with the total', async () => {
    const first = await trail(`?patientId=${patientId}&limit=3&offset=0`);
    const rest = await trail(`?patientId=${patientId}&limit=3&offset=3`);
    expect(first).toMatchObject({ total: 4, limit: 3, offset: 0 });
    expect(first.items).toHaveLength(3);
    expect(rest.items).toHaveLength(1);
    expect(rest.items[0].action).toBe('create');
  });

  it('refuses bad filters naming the field', async () => {
    const cases: [string, string][] = [
      ['?patientId=nope', 'patientId'],
      ['?actorId=1', 'actorId'],
      ['?from=yesterday', 'from'],
      ['?to=2026-13-01', 'to'],
      ['?from=2026-03-01T10:00:00', 'from'],
      ['?action=shred', 'action'],
      ['?limit=1000', 'limit'],
      ['?from=2026-03-02&to=2026-03-01', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await staff.manager.get(`/api/audit${query}`);
      expect([query, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([query, 400, [field]]);
    }
  });

  it('rolls the audit event back with a write that fails', async () => {
    const before = (await trail(`?patientId=${patientId}`)).total;
    const stale = await staff.clinician.patch(`/api/patients/${patientId}`, { version: 1, gpName: 'Dr Stale' });
    expect(stale.status).toBe(409);
    expect((await trail(`?patientId=${patientId}`)).total).toBe(before);
  });

  it('names the patient and the staff member in every row', async () => {
    const { items } = await trail(`?patientId=${patientId}`);
    expect(items.every((e) => e.patientName === 'Audit Subject' && /^VN-/.test(e.patientClinicNumber ?? ''))).toBe(true);
    expect(items[0]).toMatchObject({ actorName: expect.any(String) });
    expect(items.every((e) => e.actorName)).toBe(true);
  });

  describe('one page view, one "viewed" row', () => {
    const pageReads = [
      (id: string) => `/api/patients/${id}`,
      (id: string) => `/api/patients/${id}/clearance`,
      (id: string) => `/api/patients/${id}/scans`,
      (id: string) => `/api/patients/${id}/courses`,
    ];
    const viewReads = async (view?: string) => {
      const responses = await Promise.all(
        pageReads.map((path) => {
          const req = staff.clinician.raw('get', path(otherPatientId));
          return view ? req.set('X-Audit-View', view) : req;
        }),
      );
      expect(responses.map((r) => r.status)).toEqual(pageReads.map(() => 200));
    };
    const readRows = async () =>
      (await trail(`?patientId=${otherPatientId}&action=read&actorId=${staff.clinician.userId}&limit=100`)).total;

    it('records the reads a page makes at once, marked with its view id, as one row', async () => {
      const before = await readRows();
      await viewReads('2d4c7a8e-5b1f-4c3a-9d2e-7f6a1b0c9e11');
      expect(await readRows()).toBe(before + 1);
    });

    it('records the next view as a row of its own, and every read without a view id', async () => {
      const before = await readRows();
      await viewReads('8a1e6f40-3c2b-4d9a-8e7f-0b1c2d3e4f55');
      expect(await readRows()).toBe(before + 1);
      await viewReads();
      expect(await readRows()).toBe(before + 1 + pageReads.length);
    });

    it('refuses a malformed view id naming the header', async () => {
      const res = await staff.clinician.raw('get', `/api/patients/${otherPatientId}`).set('X-Audit-View', 'not-a-view');
      expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, ['X-Audit-View']]);
    });
  });

  it('downloads the trail as CSV with names, and records the download', async () => {
    const res = await staff.manager.getAs(`/api/audit?patientId=${patientId}`, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('audit-trail.csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('When,Staff member,Staff email,Action,Record,Record id,Patient,Clinic number,Fields,Happened at');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[1]).toContain('Audit Subject');
    const exports = await trail(`?action=export&actorId=${staff.manager.userId}`);
    expect(exports.items[0]).toMatchObject({ entity: 'audit_trail', patientId });
    expect((await staff.clinician.getAs('/api/audit', 'text/csv')).status).toBe(403);
  });

  it('lists the staff by name for the staff filter, to managers and admins only', async () => {
    const res = await staff.manager.get('/api/audit/staff');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        { id: staff.clinician.userId, displayName: expect.any(String), email: expect.any(String), role: 'clinician', active: true },
      ]),
    );
    expect((await staff.admin.get('/api/audit/staff')).status).toBe(200);
    for (const role of ['reception', 'clinician'] as const) expect((await staff[role].get('/api/audit/staff')).status).toBe(403);
  });
});
