import { SCAN_FINDINGS, type Role } from '@venule/api-contract';
import { clinicDate } from '@venule/clinical-rules';
import request from 'supertest';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

type Conclusion = 'clear' | 'underlying_disease' | 'inconclusive';

describe('clearance for treatment', () => {
  let t: TestApp;
  let staff: Record<Role, StaffClient>;

  /** A patient inserted directly (the patients API is another feature), with or without a medical history. */
  async function newPatient(opts: { dateOfBirth?: string; history?: boolean; conditions?: string[] } = {}): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO patients (first_name, last_name, date_of_birth, sex, phone, email)
       VALUES ('Clear', 'Ance', $1, 'female', '+44 7700 900456', 'clear.ance@example.org') RETURNING id`,
      [opts.dateOfBirth ?? '1980-05-17'],
    );
    if (opts.history ?? true) {
      await t.db.query(`INSERT INTO medical_histories (patient_id, conditions, recorded_by) VALUES ($1, $2, $3)`, [
        row.id,
        opts.conditions ?? [],
        staff.clinician.userId,
      ]);
    }
    return row.id;
  }

  async function scan(
    patientId: string,
    performedOn: string,
    legs: { left?: Conclusion; right?: Conclusion },
    findings: Partial<Record<'left' | 'right', string[]>> = {},
  ): Promise<string> {
    const body = {
      performedOn,
      performedBy: 'Venule vascular lab',
      legs: Object.fromEntries(
        Object.entries(legs).map(([leg, conclusion]) => [leg, { findings: findings[leg as 'left' | 'right'] ?? [], conclusion }]),
      ),
    };
    const res = await staff.clinician.post(`/api/patients/${patientId}/scans`, body);
    if (res.status !== 201) throw new Error(`scan gave ${res.status}: ${res.text}`);
    return res.body.id;
  }

  const clearanceOf = async (patientId: string, on?: string, who: StaffClient = staff.clinician) => {
    const res = await who.get(`/api/patients/${patientId}/clearance${on ? `?on=${on}` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.signInAll();
  });
  afterAll(() => t.stop());

  describe('per leg', () => {
    it('clears a leg with a clear scan, valid until the day before the same date 12 months on; the other leg has no scan', async () => {
      const pid = await newPatient();
      const scanId = await scan(pid, '2025-01-15', { left: 'clear' });
      const body = await clearanceOf(pid, '2025-06-01');
      expect(body).toEqual({
        patientId: pid,
        on: '2025-06-01',
        eligible: true,
        legs: {
          left: { status: 'cleared', validUntil: '2026-01-14', scanId, reasons: [] },
          right: { status: 'no_scan', reasons: [{ code: 'SCAN_REQUIRED', leg: 'right', message: expect.stringMatching(/Right leg/) }] },
        },
        blockers: [],
      });
    });

    it('is cleared on validUntil and expired the day after', async () => {
      const pid = await newPatient();
      const scanId = await scan(pid, '2025-01-15', { left: 'clear', right: 'clear' });
      const last = await clearanceOf(pid, '2026-01-14');
      expect(last.legs.left).toMatchObject({ status: 'cleared', validUntil: '2026-01-14' });
      expect(last.eligible).toBe(true);
      const after = await clearanceOf(pid, '2026-01-15');
      expect(after.legs.left).toEqual({
        status: 'expired',
        validUntil: '2026-01-14',
        scanId,
        reasons: [{ code: 'SCAN_EXPIRED', leg: 'left', message: expect.stringMatching(/14 January 2026/) }],
      });
      expect(after.legs.right.status).toBe('expired');
      expect(after.eligible).toBe(false);
    });

    it('refers a leg whose latest scan found underlying disease: a newer finding outvotes an older clear scan', async () => {
      const pid = await newPatient();
      await scan(pid, '2025-01-10', { left: 'clear', right: 'clear' });
      const referral = await scan(pid, '2025-03-10', { left: 'underlying_disease' }, { left: ['gsv_reflux'] });
      const body = await clearanceOf(pid, '2025-04-01');
      expect(body.legs.left).toEqual({
        status: 'referred',
        scanId: referral,
        reasons: [{ code: 'REFERRED_FOR_UNDERLYING_DISEASE', leg: 'left', message: expect.any(String) }],
      });
      expect(body.legs.right.status).toBe('cleared');
      expect(body.eligible).toBe(true);
    });

    it('clears a referred leg again once a newer scan is clear (the other direction)', async () => {
      const pid = await newPatient();
      await scan(pid, '2025-01-10', { left: 'underlying_disease' }, { left: ['perforator_incompetence'] });
      const newer = await scan(pid, '2025-05-10', { left: 'clear' });
      expect((await clearanceOf(pid, '2025-04-01')).legs.left.status).toBe('referred');
      expect((await clearanceOf(pid, '2025-06-01')).legs.left).toMatchObject({
        status: 'cleared',
        scanId: newer,
        validUntil: '2026-05-09',
      });
    });

    it('never clears an inconclusive scan, even over an older clear one', async () => {
      const pid = await newPatient();
      await scan(pid, '2025-01-10', { right: 'clear' });
      const repeat = await scan(pid, '2025-02-10', { right: 'inconclusive' });
      const body = await clearanceOf(pid, '2025-03-01');
      expect(body.legs.right).toEqual({
        status: 'inconclusive',
        scanId: repeat,
        reasons: [{ code: 'SCAN_INCONCLUSIVE', leg: 'right', message: expect.any(String) }],
      });
      expect(body.eligible).toBe(false);
    });

    it('ignores a scan dated after the date asked about', async () => {
      const pid = await newPatient();
      const first = await scan(pid, '2025-01-10', { left: 'clear' });
      await scan(pid, '2025-03-10', { left: 'underlying_disease' });
      expect((await clearanceOf(pid, '2025-01-09')).legs.left.status).toBe('no_scan');
      expect((await clearanceOf(pid, '2025-01-10')).legs.left).toMatchObject({ status: 'cleared', scanId: first });
      expect((await clearanceOf(pid, '2025-03-09')).legs.left).toMatchObject({ status: 'cleared', scanId: first });
      expect((await clearanceOf(pid, '2025-03-10')).legs.left.status).toBe('referred');
    });

    it('on the same scan date, the scan recorded later decides', async () => {
      const pid = await newPatient();
      await scan(pid, '2025-02-01', { left: 'inconclusive' });
      const later = await scan(pid, '2025-02-01', { left: 'clear' });
      expect((await clearanceOf(pid, '2025-02-02')).legs.left).toMatchObject({ status: 'cleared', scanId: later });
    });

    it("is never affected by another patient's scans", async () => {
      const mine = await newPatient();
      const theirs = await newPatient();
      await scan(theirs, '2025-01-10', { left: 'clear', right: 'clear' });
      const body = await clearanceOf(mine, '2025-02-01');
      expect(body.legs.left.status).toBe('no_scan');
      expect(body.legs.right.status).toBe('no_scan');
      expect(body.eligible).toBe(false);
    });

    it('honours the clinic scan validity setting', async () => {
      const pid = await newPatient();
      await scan(pid, '2025-01-15', { left: 'clear' });
      await t.db.query(`UPDATE clinic_settings SET scan_validity_months = 6`);
      try {
        const body = await clearanceOf(pid, '2025-07-14');
        expect(body.legs.left).toMatchObject({ status: 'cleared', validUntil: '2025-07-14' });
        expect((await clearanceOf(pid, '2025-07-15')).legs.left.status).toBe('expired');
      } finally {
        await t.db.query(`UPDATE clinic_settings SET scan_validity_months = 12`);
      }
      expect((await clearanceOf(pid, '2025-07-15')).legs.left).toMatchObject({ status: 'cleared', validUntil: '2026-01-14' });
    });

    it('judges today in the clinic time zone when no date is given', async () => {
      const pid = await newPatient();
      const today = clinicDate(new Date().toISOString(), t.config.clinicTimeZone);
      await scan(pid, today, { right: 'clear' });
      const body = await clearanceOf(pid);
      expect(body.on).toBe(today);
      expect(body.legs.right.status).toBe('cleared');
    });
  });

  describe('patient blockers', () => {
    it('blocks a patient with no medical history, even with a cleared leg', async () => {
      const pid = await newPatient({ history: false });
      await scan(pid, '2025-01-15', { left: 'clear', right: 'clear' });
      const body = await clearanceOf(pid, '2025-02-01');
      expect(body.legs.left.status).toBe('cleared');
      expect(body.eligible).toBe(false);
      expect(body.blockers).toEqual([{ code: 'MEDICAL_HISTORY_REQUIRED', message: expect.any(String) }]);
    });

    it('blocks an absolute contraindication, but not a relative one', async () => {
      const pregnant = await newPatient({ conditions: ['pregnancy', 'smoking'] });
      await scan(pregnant, '2025-01-15', { left: 'clear' });
      const body = await clearanceOf(pregnant, '2025-02-01');
      expect(body.eligible).toBe(false);
      expect(body.blockers).toEqual([{ code: 'CONTRAINDICATED', message: expect.stringMatching(/Pregnancy/) }]);

      const smoker = await newPatient({ conditions: ['smoking'] });
      await scan(smoker, '2025-01-15', { left: 'clear' });
      expect(await clearanceOf(smoker, '2025-02-01')).toMatchObject({ eligible: true, blockers: [] });
    });

    it('blocks a patient under 18 on the date, and not from their 18th birthday', async () => {
      const pid = await newPatient({ dateOfBirth: '2007-06-01' });
      await scan(pid, '2025-01-15', { left: 'clear' });
      const before = await clearanceOf(pid, '2025-05-31');
      expect(before.eligible).toBe(false);
      expect(before.blockers).toEqual([{ code: 'UNDER_18', message: expect.stringMatching(/17/) }]);
      expect(await clearanceOf(pid, '2025-06-01')).toMatchObject({ eligible: true, blockers: [] });
    });

    it('lists every blocker at once', async () => {
      const pid = await newPatient({ dateOfBirth: '2010-01-01', history: false });
      const body = await clearanceOf(pid, '2025-02-01');
      expect(body.blockers.map((b: { code: string }) => b.code)).toEqual(['MEDICAL_HISTORY_REQUIRED', 'UNDER_18']);
    });
  });

  describe('what reception sees', () => {
    it('shows reception statuses, dates and reasons but no findings, notes or named conditions', async () => {
      const pid = await newPatient({ conditions: ['pregnancy', 'sclerosant_allergy'] });
      await scan(pid, '2025-01-10', { left: 'clear', right: 'clear' }, { left: ['reticular_veins', 'telangiectasia'] });
      await t.db.query(
        `UPDATE scan_legs SET notes = 'Secret sonographer remark' WHERE scan_id IN (SELECT id FROM scans WHERE patient_id = $1)`,
        [pid],
      );
      await scan(pid, '2025-03-10', { right: 'underlying_disease' }, { right: ['gsv_reflux', 'deep_reflux', 'dvt'] });

      const res = await staff.reception.get(`/api/patients/${pid}/clearance?on=2025-04-01`);
      expect(res.status).toBe(200);
      const raw = res.text;
      for (const word of ['findings', 'notes', 'Secret', 'reflux', 'thrombosis', 'saphenous', 'Pregnancy', 'allergy', ...SCAN_FINDINGS]) {
        expect(raw).not.toContain(word);
      }
      expect(Object.keys(res.body).sort()).toEqual(['blockers', 'eligible', 'legs', 'on', 'patientId']);
      expect(res.body.legs.left).toMatchObject({ status: 'cleared', validUntil: '2026-01-09' });
      expect(res.body.legs.right).toMatchObject({ status: 'referred', reasons: [{ code: 'REFERRED_FOR_UNDERLYING_DISEASE' }] });
      expect(res.body.blockers).toEqual([{ code: 'CONTRAINDICATED', message: expect.stringMatching(/clinician/) }]);

      const clinician = await staff.clinician.get(`/api/patients/${pid}/clearance?on=2025-04-01`);
      expect(clinician.body.blockers.map((b: { message: string }) => b.message).join(' ')).toMatch(/Pregnancy.*allergy/s);
      expect(clinician.text).not.toContain('findings');
    });
  });

  describe('access and errors', () => {
    let pid: string;
    beforeAll(async () => {
      pid = await newPatient();
    });

    it.each([
      ['reception', 200],
      ['clinician', 200],
      ['manager', 200],
      ['admin', 403],
    ] as const)('%s gets %i', async (role, status) => {
      const res = await staff[role].get(`/api/patients/${pid}/clearance`);
      expect(res.status).toBe(status);
      const batch = await staff[role].get(`/api/clearance?patientIds=${pid}`);
      expect(batch.status).toBe(status);
    });

    it('answers 401 to nobody signed in', async () => {
      expect((await request(t.server).get(`/api/patients/${pid}/clearance`)).status).toBe(401);
    });

    it('answers 404 for a patient that does not exist', async () => {
      const res = await staff.reception.get('/api/patients/5b0f8a4e-8f64-4e4a-9d55-3a1f1e2b9c77/clearance');
      expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });

    it.each(['2025-02-29', '01/02/2025', 'today'])('refuses on=%s naming the field', async (on) => {
      const res = await staff.reception.get(`/api/patients/${pid}/clearance?on=${encodeURIComponent(on)}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'on', messages: [expect.any(String)] }]);
    });

    it('audits every read with who, whose and when', async () => {
      const who = await newPatient();
      await staff.reception.get(`/api/patients/${who}/clearance?on=2025-01-01`);
      const events = await t.db.query(`SELECT actor_id, action, entity, entity_id FROM audit_events WHERE patient_id = $1`, [who]);
      expect(events).toEqual([{ actor_id: staff.reception.userId, action: 'read', entity: 'clearance', entity_id: who }]);
    });
  });

  describe('batch for search results', () => {
    it('answers a badge per patient in the order asked, each once, leaving out unknown ids', async () => {
      const cleared = await newPatient();
      await scan(cleared, '2025-01-15', { left: 'clear', right: 'clear' });
      const referred = await newPatient();
      await scan(referred, '2025-01-15', { left: 'underlying_disease' }, { left: ['ssv_reflux'] });
      const noHistory = await newPatient({ history: false });
      const ghost = '5b0f8a4e-8f64-4e4a-9d55-3a1f1e2b9c77';

      const res = await staff.reception.get(
        `/api/clearance?patientIds=${referred},${cleared},${ghost},${noHistory},${cleared}&on=2025-06-01`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        on: '2025-06-01',
        items: [
          { patientId: referred, eligible: false, legs: { left: { status: 'referred' }, right: { status: 'no_scan' } }, blockers: [] },
          {
            patientId: cleared,
            eligible: true,
            legs: { left: { status: 'cleared', validUntil: '2026-01-14' }, right: { status: 'cleared', validUntil: '2026-01-14' } },
            blockers: [],
          },
          {
            patientId: noHistory,
            eligible: false,
            legs: { left: { status: 'no_scan' }, right: { status: 'no_scan' } },
            blockers: [{ code: 'MEDICAL_HISTORY_REQUIRED', message: expect.any(String) }],
          },
        ],
      });
      expect(res.text).not.toContain('ssv_reflux');

      // The same answer as the single-patient route.
      for (const item of res.body.items) {
        const one = await clearanceOf(item.patientId, '2025-06-01');
        expect(one.eligible).toBe(item.eligible);
        expect(one.legs.left.status).toBe(item.legs.left.status);
        expect(one.legs.right.status).toBe(item.legs.right.status);
      }

      const audited = await t.db.query(
        `SELECT patient_id FROM audit_events WHERE actor_id = $1 AND entity = 'clearance' AND patient_id = ANY($2) ORDER BY patient_id`,
        [staff.reception.userId, [cleared, referred, noHistory]],
      );
      expect(audited.map((a: { patient_id: string }) => a.patient_id)).toEqual([cleared, referred, noHistory].sort());
    });

    it('takes 100 patients in one request and refuses 101', async () => {
      const ids = await Promise.all(Array.from({ length: 3 }, () => newPatient()));
      const hundred = [...ids, ...Array.from({ length: 97 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)];
      const ok = await staff.manager.get(`/api/clearance?patientIds=${hundred.join(',')}`);
      expect(ok.status).toBe(200);
      expect(ok.body.items.map((i: { patientId: string }) => i.patientId)).toEqual(ids);
      const tooMany = await staff.manager.get(
        `/api/clearance?patientIds=${[...hundred, '00000000-0000-4000-8000-999999999999'].join(',')}`,
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual([{ field: 'patientIds', messages: [expect.stringMatching(/at most 100/)] }]);
    });

    it.each([
      ['no ids', '/api/clearance', 'patientIds'],
      ['an empty list', '/api/clearance?patientIds=', 'patientIds'],
      ['a malformed id', '/api/clearance?patientIds=not-an-id', 'patientIds'],
      ['a bad date', '/api/clearance?patientIds=00000000-0000-4000-8000-000000000000&on=2025-13-01', 'on'],
    ])('refuses %s naming the field', async (_what, path, field) => {
      const res = await staff.reception.get(path);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });
});
