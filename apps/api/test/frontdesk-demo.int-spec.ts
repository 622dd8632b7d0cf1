import { clinicToday, plusDays } from './courses.fixtures';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

/** The demo clinic's front desk: a week of diary, consultations in every state, the inbox in every state. */
describe('demo front desk', () => {
  let t: TestApp;
  let reception: StaffClient;
  beforeAll(async () => {
    t = await TestApp.start({ demo: true });
    reception = await StaffClient.open(t.server);
    await reception.post('/api/auth/login', { email: 'reception@demo.venule', password: 'demo-venule' });
  });
  afterAll(() => t.stop());

  it('fills a week of diary around today for every clinician', async () => {
    const res = await reception.get(`/api/diary?from=${plusDays(clinicToday(), -3)}&to=${plusDays(clinicToday(), 6)}`);
    expect(res.status).toBe(200);
    expect(res.body.lanes.length).toBeGreaterThanOrEqual(2);
    for (const lane of res.body.lanes) {
      const kinds = new Set(lane.appointments.map((a: { kind: string }) => a.kind));
      expect({ clinician: lane.clinicianName, kinds: [...kinds].sort() }).toEqual({
        clinician: lane.clinicianName,
        kinds: ['consultation', 'session'],
      });
    }
  });

  it("books a treatment session today in each clinician's lane, so the day reception opens on is a working one", async () => {
    const res = await reception.get(`/api/diary?from=${clinicToday()}&to=${clinicToday()}`);
    const sessionsToday = res.body.lanes.map((lane: { clinicianName: string; appointments: { kind: string; status: string }[] }) => [
      lane.clinicianName,
      lane.appointments.filter((a) => a.kind === 'session' && a.status === 'scheduled').length,
    ]);
    expect(sessionsToday).toEqual([
      [expect.any(String), 1],
      [expect.any(String), 1],
    ]);
  });

  it('has consultations in every state, one awaiting its deposit and one cancelled with its deposit kept', async () => {
    const { items } = (await reception.get('/api/consultations?limit=200')).body;
    const statuses = new Set(items.map((c: { status: string }) => c.status));
    for (const s of ['awaiting_deposit', 'booked', 'attended', 'cancelled', 'did_not_attend']) expect(statuses).toContain(s);
    expect(items.find((c: { status: string }) => c.status === 'awaiting_deposit')).toMatchObject({ type: 'named_doctor', paidPence: 0 });
    expect(items.find((c: { status: string; type: string }) => c.status === 'cancelled' && c.type === 'named_doctor')).toMatchObject({
      paidPence: 2500,
      balanceDuePence: 0,
    });
    expect(items.some((c: { type: string }) => c.type === 'free')).toBe(true);
  });

  it('has enquiries in every state, the booked one linked to its consultation', async () => {
    const { items } = (await reception.get('/api/enquiries')).body;
    expect(new Set(items.map((e: { status: string }) => e.status))).toEqual(new Set(['new', 'contacted', 'booked', 'closed']));
    const booked = items.find((e: { status: string }) => e.status === 'booked');
    expect((await reception.get(`/api/consultations/${booked.consultationId}`)).body.patientId).toBe(booked.patientId);
  });
});
