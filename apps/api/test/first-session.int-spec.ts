import { Clinic, clinicToday, instantIn, plusDays } from './courses.fixtures';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

describe('booking the first treatment session from a consultation', () => {
  let t: TestApp;
  let reception: StaffClient;
  let clinician: StaffClient;
  let clinic: Clinic;

  beforeAll(async () => {
    t = await TestApp.start();
    ({ reception, clinician } = await t.signInAll());
    clinic = new Clinic(t, reception, clinician);
  });
  afterAll(() => t.stop());

  let hour = 9;
  /** A free consultation in the day after tomorrow, each an hour after the last (one clinician's diary). */
  const consultation = async (patientId: string, clinicianId: string) => {
    const res = await reception.post('/api/consultations', {
      type: 'free',
      patientId,
      clinicianId,
      startsAt: `${plusDays(clinicToday(), 2)}T${String(hour++).padStart(2, '0')}:00:00Z`,
      durationMinutes: 15,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('books the session with the consultation’s clinician', async () => {
    const patientId = await clinic.patient();
    const consultationId = await consultation(patientId, clinician.userId);
    const courseId = await clinic.course(patientId);
    const res = await reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor: instantIn(9), consultationId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sequence: 1, clinicianId: clinician.userId });
  });

  it('lets the booking name another clinician instead', async () => {
    const other = await t.createStaff('clinician');
    const patientId = await clinic.patient();
    const consultationId = await consultation(patientId, clinician.userId);
    const courseId = await clinic.course(patientId);
    const res = await reception.post(`/api/courses/${courseId}/sessions`, {
      scheduledFor: instantIn(10),
      consultationId,
      clinicianId: other.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.clinicianId).toBe(other.id);
  });

  it('refuses another patient’s consultation, naming the field, and books nothing', async () => {
    const patientId = await clinic.patient();
    const someoneElse = await consultation(await clinic.patient(), clinician.userId);
    const courseId = await clinic.course(patientId);
    const res = await reception.post(`/api/courses/${courseId}/sessions`, { scheduledFor: instantIn(11), consultationId: someoneElse });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'consultationId' })]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE course_id = $1`, [courseId]);
    expect(n).toBe(0);
  });
});
