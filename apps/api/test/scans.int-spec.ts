import { XSRF_COOKIE, XSRF_HEADER, type Role } from '@venule/api-contract';
import { addDays, clinicDate } from '@venule/clinical-rules';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { StaffClient } from './support/staff-client';
import { TEST_PASSWORD, TestApp } from './support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);
const MB = 1024 * 1024;

const clearLeg = { findings: [], conclusion: 'clear' };

describe('duplex scans', () => {
  let t: TestApp;
  let dataDir: string;
  let staff: Record<Role, StaffClient>;
  let uploader: Uploader;

  /** A patient inserted directly (the patients API is another feature). */
  async function newPatient(): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email)
       VALUES ('Scan', 'Patient', DATE '1980-05-17', 'female', '+44 7700 900123', 'scan.patient@example.org') RETURNING id`,
    );
    return row.id;
  }

  const post = (patientId: string, body: object, who: StaffClient = staff.clinician) => who.post(`/api/patients/${patientId}/scans`, body);
  const scanBody = (over: object = {}) => ({
    performedOn: '2025-03-01',
    performedBy: 'Venule vascular lab',
    legs: { left: clearLeg },
    ...over,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'venule-scans-'));
    t = await TestApp.start({ dataDir });
    staff = await t.signInAll();
    uploader = new Uploader(t);
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('recording', () => {
    it('records a scan of both legs and lists it with its legs', async () => {
      const pid = await newPatient();
      const res = await post(pid, {
        performedOn: '2025-03-01',
        performedBy: '  Harley Street Vascular  ',
        legs: {
          left: { findings: ['reticular_veins'], notes: 'GSV and SSV competent', conclusion: 'clear' },
          right: { findings: ['gsv_reflux', 'perforator_incompetence'], conclusion: 'underlying_disease' },
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        patientId: pid,
        performedOn: '2025-03-01',
        performedBy: 'Harley Street Vascular',
        recordedBy: staff.clinician.userId,
        version: 1,
        legs: {
          left: { findings: ['reticular_veins'], notes: 'GSV and SSV competent', conclusion: 'clear' },
          right: { findings: ['gsv_reflux', 'perforator_incompetence'], notes: null, conclusion: 'underlying_disease' },
        },
        files: [],
      });
      expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);

      const list = await staff.clinician.get(`/api/patients/${pid}/scans`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
      expect(list.body.items).toEqual([res.body]);
    });

    it('records a one-leg scan: the other leg is simply not there', async () => {
      const pid = await newPatient();
      const res = await post(pid, scanBody({ legs: { right: { findings: [], conclusion: 'inconclusive' } } }));
      expect(res.status).toBe(201);
      expect(Object.keys(res.body.legs)).toEqual(['right']);
    });

    it('lists newest first, by scan date and then by recording order, and pages', async () => {
      const pid = await newPatient();
      for (const performedOn of ['2025-01-10', '2025-06-10', '2024-11-01', '2025-06-10']) {
        expect((await post(pid, scanBody({ performedOn }))).status).toBe(201);
      }
      const ids = (await t.db.query(`SELECT id FROM scans WHERE patient_id = $1 ORDER BY seq`, [pid])).map((r: { id: string }) => r.id);
      const all = await staff.manager.get(`/api/patients/${pid}/scans`);
      expect(all.body.items.map((s: { id: string }) => s.id)).toEqual([ids[3], ids[1], ids[0], ids[2]]);
      const page = await staff.manager.get(`/api/patients/${pid}/scans?limit=2&offset=1`);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.body.items.map((s: { id: string }) => s.id)).toEqual([ids[1], ids[0]]);
    });

    it("never shows another patient's scans", async () => {
      const mine = await newPatient();
      const theirs = await newPatient();
      await post(theirs, scanBody({ performedBy: 'Someone else lab' }));
      const res = await staff.clinician.get(`/api/patients/${mine}/scans`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ items: [], total: 0 });
      expect(res.text).not.toContain('Someone else lab');
    });

    it('answers 404 for a patient that does not exist', async () => {
      const ghost = '5b0f8a4e-8f64-4e4a-9d55-3a1f1e2b9c77';
      expect((await post(ghost, scanBody())).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect((await staff.clinician.get(`/api/patients/${ghost}/scans`)).status).toBe(404);
    });

    it('audits the write (field names only) and every read', async () => {
      const pid = await newPatient();
      const res = await post(pid, scanBody({ legs: { left: { findings: [], notes: 'private words', conclusion: 'clear' } } }));
      await staff.manager.get(`/api/patients/${pid}/scans`);
      const events = await t.db.query(
        `SELECT actor_id, action, entity, entity_id, fields FROM audit_events WHERE patient_id = $1 ORDER BY id`,
        [pid],
      );
      expect(events).toEqual([
        {
          actor_id: staff.clinician.userId,
          action: 'create',
          entity: 'scan',
          entity_id: res.body.id,
          fields: ['performedOn', 'performedBy', 'legs.left.findings', 'legs.left.conclusion', 'legs.left.notes'],
        },
        expect.objectContaining({ actor_id: staff.manager.userId, action: 'read', entity: 'scan' }),
      ]);
      expect(JSON.stringify(events)).not.toContain('private words');
    });
  });

  describe('validation names the field', () => {
    let pid: string;
    beforeAll(async () => {
      pid = await newPatient();
    });

    const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

    it.each([
      ['a missing conclusion', { legs: { left: { findings: [] } } }, 'legs.left.conclusion'],
      ['an unknown conclusion', { legs: { right: { findings: [], conclusion: 'fine' } } }, 'legs.right.conclusion'],
      ['an unknown finding', { legs: { left: { findings: ['varicose_eczema'], conclusion: 'underlying_disease' } } }, 'legs.left.findings'],
      [
        'findings that are not a list',
        { legs: { left: { findings: 'gsv_reflux', conclusion: 'underlying_disease' } } },
        'legs.left.findings',
      ],
      ['a repeated finding', { legs: { left: { findings: ['dvt', 'dvt'], conclusion: 'underlying_disease' } } }, 'legs.left.findings'],
      ['an unknown leg', { legs: { middle: clearLeg } }, 'legs.middle'],
      ['an unknown leg field', { legs: { left: { ...clearLeg, ceap: 'C1' } } }, 'legs.left.ceap'],
      ['no legs object', { legs: undefined }, 'legs'],
      ['an impossible date', { performedOn: '2025-02-29' }, 'performedOn'],
      ['a date-time instead of a date', { performedOn: '2025-02-01T10:00:00Z' }, 'performedOn'],
      ['no performer', { performedBy: '   ' }, 'performedBy'],
      ['an unknown top-level field', { clearedBy: 'me' }, 'clearedBy'],
    ])('refuses %s', async (_what, over, field) => {
      const res = await post(pid, scanBody(over));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('refuses a scan with no leg', async () => {
      const res = await post(pid, scanBody({ legs: {} }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'legs', messages: [expect.stringMatching(/at least one/)] }]);
    });

    it('refuses a scan dated tomorrow in the clinic time zone, and takes one dated today', async () => {
      const today = clinicDate(new Date().toISOString(), t.config.clinicTimeZone);
      const tomorrow = await post(pid, scanBody({ performedOn: addDays(today, 1) }));
      expect(tomorrow.status).toBe(400);
      expect(fieldsOf(tomorrow.body)).toEqual(['performedOn']);
      expect((await post(pid, scanBody({ performedOn: today }))).status).toBe(201);
    });

    it('refuses a clear conclusion contradicted by findings of underlying disease, naming every leg', async () => {
      const res = await post(
        pid,
        scanBody({
          legs: {
            left: { findings: ['reticular_veins', 'ssv_reflux'], conclusion: 'clear' },
            right: { findings: ['deep_obstruction'], conclusion: 'clear' },
          },
        }),
      );
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['legs.left.conclusion', 'legs.right.conclusion']);
      expect(res.body.errors[0].messages[0]).toMatch(/small saphenous vein reflux/);
    });

    it('stores nothing when refused', async () => {
      const before = await t.db.query(`SELECT count(*)::int AS n FROM scans WHERE patient_id = $1`, [pid]);
      await post(pid, scanBody({ legs: { left: { findings: ['dvt'], conclusion: 'clear' } } }));
      const after = await t.db.query(`SELECT count(*)::int AS n FROM scans WHERE patient_id = $1`, [pid]);
      expect(after[0].n).toBe(before[0].n);
    });

    it('the database itself refuses a clear leg with disease findings and an unknown finding', async () => {
      const [scan] = await t.db.query(
        `INSERT INTO scans (patient_id, performed_on, performed_by, recorded_by) VALUES ($1, '2025-01-01', 'lab', $2) RETURNING id`,
        [pid, staff.clinician.userId],
      );
      await expect(
        t.db.query(`INSERT INTO scan_legs (scan_id, leg, findings, conclusion) VALUES ($1, 'left', '{gsv_reflux}', 'clear')`, [scan.id]),
      ).rejects.toThrow(/scan_legs_clear_without_disease/);
      await expect(
        t.db.query(`INSERT INTO scan_legs (scan_id, leg, findings, conclusion) VALUES ($1, 'left', '{bogus}', 'underlying_disease')`, [
          scan.id,
        ]),
      ).rejects.toThrow(/check constraint/);
    });
  });

  describe('access (SPEC §3)', () => {
    let pid: string;
    beforeAll(async () => {
      pid = await newPatient();
      await post(pid, scanBody());
    });

    it.each([
      ['reception', 403, 403],
      ['admin', 403, 403],
      ['manager', 403, 200],
      ['clinician', 201, 200],
    ] as const)('%s: record %i, list %i', async (role, recordStatus, listStatus) => {
      const created = await post(pid, scanBody(), staff[role]);
      expect(created.status).toBe(recordStatus);
      if (recordStatus === 403) expect(created.body.code).toBe('FORBIDDEN');
      expect((await staff[role].get(`/api/patients/${pid}/scans`)).status).toBe(listStatus);
    });

    it('answers 401 to nobody signed in', async () => {
      expect((await request(t.server).get(`/api/patients/${pid}/scans`)).status).toBe(401);
    });
  });

  describe('report files', () => {
    let pid: string;
    let scanId: string;
    beforeAll(async () => {
      pid = await newPatient();
      scanId = (await post(pid, scanBody())).body.id;
    });

    it('stores a PDF and downloads the same bytes as an attachment', async () => {
      const up = await uploader.upload('clinician', `/api/scans/${scanId}/files`, PDF, 'Duplex report – left leg.pdf', 'application/pdf');
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({
        scanId,
        originalName: 'Duplex report – left leg.pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploadedBy: uploader.ids.clinician,
      });

      const down = await uploader.download('manager', `/api/scans/${scanId}/files/${up.body.id}`);
      expect(down.status).toBe(200);
      expect(down.headers['content-type']).toBe('application/pdf');
      expect(down.headers['content-disposition']).toMatch(
        /^attachment; filename="Duplex report _ left leg.pdf"; filename\*=UTF-8''Duplex%20report%20%E2%80%93%20left%20leg.pdf$/,
      );
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);

      const list = await staff.clinician.get(`/api/patients/${pid}/scans`);
      expect(list.body.items[0].files).toEqual([up.body]);
      const [row] = await t.db.query(`SELECT storage_key FROM scan_files WHERE id = $1`, [up.body.id]);
      expect(row.storage_key).toBe(`scans/${scanId}/${up.body.id}`);
      expect(row.storage_key).not.toContain('Duplex');
    });

    it('recognises the type by content: a PNG sent as octet-stream is a PNG', async () => {
      const up = await uploader.upload('clinician', `/api/scans/${scanId}/files`, PNG, 'scan.bin', 'application/octet-stream');
      expect(up.status).toBe(201);
      expect(up.body.mediaType).toBe('image/png');
      const down = await uploader.download('clinician', `/api/scans/${scanId}/files/${up.body.id}`);
      expect(down.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(down.body as Buffer, PNG)).toBe(0);
    });

    it('refuses a file that only claims to be a PDF with 415', async () => {
      const res = await uploader.upload(
        'clinician',
        `/api/scans/${scanId}/files`,
        Buffer.from('<html>not a report</html>'),
        'report.pdf',
        'application/pdf',
      );
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('refuses a JSON body instead of multipart with 415', async () => {
      const res = await staff.clinician.post(`/api/scans/${scanId}/files`, { file: 'JVBERi0=' });
      expect(res.status).toBe(415);
    });

    it('refuses a file in another field with 400 naming `file`', async () => {
      const res = await uploader.upload('clinician', `/api/scans/${scanId}/files`, PDF, 'r.pdf', 'application/pdf', 'report');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'file', messages: [expect.any(String)] }]);
    });

    it('takes a file of exactly 10 MB and refuses one byte more with 413, storing nothing', async () => {
      const exact = Buffer.alloc(10 * MB, 0x20);
      PDF.copy(exact);
      expect((await uploader.upload('clinician', `/api/scans/${scanId}/files`, exact, 'big.pdf', 'application/pdf')).status).toBe(201);
      const before = await t.db.query(`SELECT count(*)::int AS n FROM scan_files WHERE scan_id = $1`, [scanId]);
      const tooBig = Buffer.alloc(10 * MB + 1, 0x20);
      PDF.copy(tooBig);
      const res = await uploader.upload('clinician', `/api/scans/${scanId}/files`, tooBig, 'bigger.pdf', 'application/pdf');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const after = await t.db.query(`SELECT count(*)::int AS n FROM scan_files WHERE scan_id = $1`, [scanId]);
      expect(after[0].n).toBe(before[0].n);
    });

    it('answers 404 for an unknown scan, and for a file asked for under another scan', async () => {
      const ghost = '5b0f8a4e-8f64-4e4a-9d55-3a1f1e2b9c77';
      expect((await uploader.upload('clinician', `/api/scans/${ghost}/files`, PDF, 'r.pdf', 'application/pdf')).status).toBe(404);
      const up = await uploader.upload('clinician', `/api/scans/${scanId}/files`, PDF, 'r.pdf', 'application/pdf');
      const otherScan = (await post(await newPatient(), scanBody())).body.id;
      expect((await uploader.download('clinician', `/api/scans/${otherScan}/files/${up.body.id}`)).status).toBe(404);
    });

    it('lets only clinicians upload, and clinicians and managers download; audits both', async () => {
      const up = await uploader.upload('clinician', `/api/scans/${scanId}/files`, PDF, 'r.pdf', 'application/pdf');
      for (const role of ['reception', 'manager', 'admin'] as const) {
        expect((await uploader.upload(role, `/api/scans/${scanId}/files`, PDF, 'r.pdf', 'application/pdf')).status).toBe(403);
      }
      for (const [role, status] of [
        ['reception', 403],
        ['admin', 403],
        ['manager', 200],
        ['clinician', 200],
      ] as const) {
        expect((await uploader.download(role, `/api/scans/${scanId}/files/${up.body.id}`)).status).toBe(status);
      }
      const events = await t.db.query(`SELECT action FROM audit_events WHERE entity = 'scan_file' AND entity_id = $1 ORDER BY id`, [
        up.body.id,
      ]);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'read', 'read']);
    });
  });
});

/** Browsers that can send multipart (StaffClient speaks JSON only), one per role. */
class Uploader {
  readonly ids = {} as Record<Role, string>;
  private readonly agents = new Map<Role, ReturnType<typeof request.agent>>();

  constructor(private readonly t: TestApp) {}

  private async agent(role: Role) {
    let agent = this.agents.get(role);
    if (!agent) {
      const { id, email } = await this.t.createStaff(role);
      agent = request.agent(this.t.server);
      await agent.get('/api/health');
      const login = await agent.post('/api/auth/login').set(XSRF_HEADER, this.token(agent)).send({ email, password: TEST_PASSWORD });
      if (login.status !== 200) throw new Error(`sign-in as ${role} gave ${login.status}`);
      this.ids[role] = id;
      this.agents.set(role, agent);
    }
    return agent;
  }

  private token(agent: ReturnType<typeof request.agent>): string {
    return agent.jar.getCookie(XSRF_COOKIE, { domain: '127.0.0.1', path: '/', script: false, secure: false })?.value ?? '';
  }

  async upload(role: Role, path: string, bytes: Buffer, filename: string, contentType: string, field = 'file') {
    const agent = await this.agent(role);
    return agent
      .post(path)
      .set('Accept', 'application/json')
      .set(XSRF_HEADER, this.token(agent))
      .attach(field, bytes, { filename, contentType });
  }

  async download(role: Role, path: string) {
    const agent = await this.agent(role);
    return agent
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }
}
