/**
 * Recalls and consultation reminders in the outbox (SPEC §2 Message): a course with sessions left
 * recalls the patient when its next window opens and 14 days before it closes, unless by then the
 * next session is booked or the course has ended; a consultation's reminder names what is still
 * to pay. The sender runs at the instant the test chooses (MessageSender.deliverDue), over SMTP to
 * a server the test runs.
 */
import type { Role, SessionWindow } from '@venule/api-contract';
import { addHours, clinicDate, clinicWallTime, formatClinicTime, formatDateWithWeekday } from '@venule/clinical-rules';
import { MessageSender } from '../src/messages/message-sender';
import { Clinic, clinicToday, goodCompletion, instantIn, plusDays } from './courses.fixtures';
import { partOf, startSmtp, subjectOf } from './support/smtp';
import { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const ZONE = 'Europe/London';
const HOUR = 3_600_000;
const inWords = (instant: string) => `${formatDateWithWeekday(clinicDate(instant, ZONE))} at ${formatClinicTime(instant, ZONE)}`;
const windowInWords = (w: SessionWindow) => `between ${formatDateWithWeekday(w.earliest)} and ${formatDateWithWeekday(w.latest)}`;
/** A whole hour on day `days` from today, 10:00 + `hour` UTC. */
const slot = (days: number, hour = 0) => `${plusDays(clinicToday(), days)}T${String(10 + hour).padStart(2, '0')}:00:00Z`;

type Row = Record<string, unknown>;

describe('recalls and consultation reminders', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let clinic: Clinic;
  let sender: MessageSender;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await TestApp.start({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
    staff = await t.signInAll();
    clinic = new Clinic(t, staff.reception, staff.clinician);
    sender = t.app.get(MessageSender);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  const messagesOf = async (patientId: string): Promise<Row[]> => {
    const res = await staff.reception.get(`/api/messages?patientId=${patientId}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const one = async (patientId: string, template: string): Promise<Row> => {
    const found = (await messagesOf(patientId)).filter((m) => m['template'] === template);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const bodyOf = async (id: unknown): Promise<{ body_text: string; body_html: string | null }> =>
    (await t.db.query(`SELECT body_text, body_html FROM messages WHERE id = $1`, [id]))[0];
  const mailsTo = (to: unknown) => smtp.received.filter((r) => r.to.includes(to as string));

  /** A course of `plannedSessions` whose first session was completed just now, with its aftercare sheet's next window. */
  async function firstCompleted(plannedSessions = 3) {
    const patientId = await clinic.patient();
    const courseId = await clinic.course(patientId, { plannedSessions });
    const sessionId = await clinic.book(courseId, instantIn(0, 10));
    const done = await staff.clinician.post(`/api/sessions/${sessionId}/complete`, goodCompletion());
    expect(done.status).toBe(200);
    const window = (await staff.reception.get(`/api/sessions/${sessionId}/aftercare`)).body.nextWindow as SessionWindow;
    const opensAt = new Date(clinicWallTime(window.earliest, '09:00', ZONE));
    const closingAt = new Date(clinicWallTime(plusDays(window.latest, -14), '09:00', ZONE));
    return { patientId, courseId, sessionId, window, opensAt, closingAt };
  }

  it('queues two recalls when a session of a course with sessions left is completed, with the window in words', async () => {
    const { patientId, sessionId, window, opensAt, closingAt } = await firstCompleted();
    const open = await one(patientId, 'recall_open');
    const closing = await one(patientId, 'recall_closing');
    expect(open).toMatchObject({
      state: 'queued',
      channel: 'email',
      sessionId,
      subject: 'Your next session at Venule Vein Clinic can now be booked',
    });
    expect(closing).toMatchObject({
      state: 'queued',
      sessionId,
      subject: `Please book your next session at Venule Vein Clinic by ${formatDateWithWeekday(window.latest)}`,
    });
    expect(Date.parse(open['sendAt'] as string)).toBe(opensAt.getTime());
    expect(Date.parse(closing['sendAt'] as string)).toBe(closingAt.getTime());

    for (const m of [open, closing]) {
      const { body_text, body_html } = await bodyOf(m['id']);
      expect(body_text).toContain('Dear Course,');
      expect(body_text).toContain(windowInWords(window));
      expect(body_text).not.toMatch(/\d{4}-\d{2}-\d{2}|polidocanol|left leg/i);
      expect(body_html).toContain(`<strong>${windowInWords(window)}</strong>`);
    }
  });

  it('sends the recall when its window opens and nothing is booked', async () => {
    const { patientId, window, opensAt } = await firstCompleted();
    const open = await one(patientId, 'recall_open');
    await sender.deliverDue(new Date(opensAt.getTime() - 60_000));
    expect(await one(patientId, 'recall_open')).toMatchObject({ state: 'queued' });

    await sender.deliverDue(opensAt);
    expect(await one(patientId, 'recall_open')).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect(await one(patientId, 'recall_closing')).toMatchObject({ state: 'queued' });
    const [mail, ...again] = mailsTo(open['to']).filter((r) => subjectOf(r.raw) === open['subject']);
    expect(again).toEqual([]);
    expect(partOf(mail.raw, 'text/plain')).toContain(`Your next session at Venule Vein Clinic can be booked ${windowInWords(window)}.`);
  });

  it('does not send a recall whose next session is booked when it falls due, and sends it if that booking is cancelled', async () => {
    const { patientId, courseId, opensAt, closingAt, window } = await firstCompleted();
    const next = await staff.reception.post(`/api/courses/${courseId}/sessions`, {
      scheduledFor: clinicWallTime(window.earliest, '10:00', ZONE),
    });
    expect(next.status).toBe(201);
    // Booked is decided when a recall is due: until then both stay queued.
    expect(await one(patientId, 'recall_open')).toMatchObject({ state: 'queued' });

    await sender.deliverDue(opensAt);
    const open = await one(patientId, 'recall_open');
    expect(open).toMatchObject({ state: 'cancelled', lastError: 'not sent: the next session is booked', sentAt: null });
    expect(await one(patientId, 'recall_closing')).toMatchObject({ state: 'queued' });
    expect(mailsTo(open['to']).filter((r) => subjectOf(r.raw) === open['subject'])).toEqual([]);

    const cancelled = await staff.reception.post(`/api/sessions/${next.body.id}/cancel`, { version: next.body.version });
    expect(cancelled.status).toBe(200);
    await sender.deliverDue(closingAt);
    expect(await one(patientId, 'recall_closing')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('stops a course’s recalls when the course is closed', async () => {
    const { patientId, courseId } = await firstCompleted();
    const closed = await staff.clinician.patch(`/api/courses/${courseId}`, {
      version: 1,
      status: 'discontinued',
      discontinuedReason: 'Moved away',
    });
    expect(closed.status).toBe(200);
    for (const template of ['recall_open', 'recall_closing']) {
      expect(await one(patientId, template)).toMatchObject({ state: 'cancelled', lastError: 'not sent: the course has ended' });
    }
  });

  /** The course's first session moved six weeks back, and its second booked and completed now. */
  async function secondCompleted(courseId: string, firstSessionId: string) {
    await t.db.query(
      `UPDATE sessions SET scheduled_for = scheduled_for - interval '42 days', ends_at = ends_at - interval '42 days',
              completed_at = completed_at - interval '42 days', treated_at = treated_at - interval '42 days',
              status_changed_at = status_changed_at - interval '42 days', completed_on = completed_on - 42
        WHERE id = $1`,
      [firstSessionId],
    );
    const second = await clinic.book(courseId, instantIn(0, 20));
    const done = await staff.clinician.post(`/api/sessions/${second}/complete`, goodCompletion());
    expect(done.status).toBe(200);
    return { second, courseStatus: done.body.courseStatus as string };
  }
  const recallsOf = async (patientId: string) => (await messagesOf(patientId)).filter((m) => String(m['template']).startsWith('recall_'));

  it('stops a course’s recalls when its last session is completed, and queues none for it', async () => {
    const { patientId, courseId, sessionId } = await firstCompleted(2);
    expect((await secondCompleted(courseId, sessionId)).courseStatus).toBe('completed');
    const recalls = await recallsOf(patientId);
    expect(recalls).toHaveLength(2);
    for (const r of recalls) expect(r).toMatchObject({ sessionId, state: 'cancelled', lastError: 'not sent: the course has ended' });
  });

  it('replaces a course’s recalls with those of its later completed session', async () => {
    const { patientId, courseId, sessionId } = await firstCompleted(3);
    const { second, courseStatus } = await secondCompleted(courseId, sessionId);
    expect(courseStatus).toBe('active');
    const recalls = await recallsOf(patientId);
    expect(recalls.filter((r) => r['sessionId'] === sessionId).map((r) => [r['state'], r['lastError']])).toEqual([
      ['cancelled', 'not sent: a later session has taken place'],
      ['cancelled', 'not sent: a later session has taken place'],
    ]);
    expect(
      recalls
        .filter((r) => r['sessionId'] === second)
        .map((r) => [r['template'], r['state']])
        .sort(),
    ).toEqual([
      ['recall_closing', 'queued'],
      ['recall_open', 'queued'],
    ]);
  });

  it('reminds of a consultation 48 hours before, naming the balance; rewrites it after a deposit or a move; cancels it with the consultation', async () => {
    const patientId = await clinic.patient({ history: false, scans: [] });
    const startsAt = slot(5);
    const booked = await staff.reception.post('/api/consultations', {
      type: 'named_doctor',
      patientId,
      clinicianId: staff.clinician.userId,
      startsAt,
      durationMinutes: 30,
    });
    expect(booked.status).toBe(201);
    const id = booked.body.id as string;
    const reminder = await one(patientId, 'consultation_reminder');
    expect(reminder).toMatchObject({
      state: 'queued',
      consultationId: id,
      sessionId: null,
      subject: `Your consultation at Venule Vein Clinic on ${inWords(startsAt)}`,
    });
    expect(Date.parse(reminder['sendAt'] as string)).toBe(Date.parse(addHours(startsAt, -48)));
    let text = (await bodyOf(reminder['id'])).body_text;
    expect(text).toContain(`your consultation with Test clinician at Venule Vein Clinic on ${inWords(startsAt)}`);
    expect(text).toContain('£50.00 is due on the day.');

    const paid = await staff.reception.post(`/api/consultations/${id}/payments`, { kind: 'deposit', amountPence: 2500, method: 'card' });
    expect(paid.status).toBe(201);
    const afterDeposit = await one(patientId, 'consultation_reminder');
    expect(afterDeposit).toMatchObject({ id: reminder['id'], state: 'queued', version: (reminder['version'] as number) + 1 });
    text = (await bodyOf(reminder['id'])).body_text;
    expect(text).toContain('£25.00 is due on the day.');
    expect(text).not.toContain('£50.00');

    const movedTo = slot(6, 2);
    const moved = await staff.reception.patch(`/api/consultations/${id}`, { version: paid.body.version, startsAt: movedTo });
    expect(moved.status).toBe(200);
    const afterMove = await one(patientId, 'consultation_reminder');
    expect(afterMove).toMatchObject({
      id: reminder['id'],
      state: 'queued',
      subject: `Your consultation at Venule Vein Clinic on ${inWords(movedTo)}`,
    });
    expect(Date.parse(afterMove['sendAt'] as string)).toBe(Date.parse(addHours(movedTo, -48)));

    const cancelled = await staff.reception.patch(`/api/consultations/${id}`, { version: moved.body.version, status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect(await one(patientId, 'consultation_reminder')).toMatchObject({
      id: reminder['id'],
      state: 'cancelled',
      lastError: 'not sent: the consultation was cancelled',
    });
  });

  it('tells a patient with a free consultation that nothing is due, and emails the reminder when due', async () => {
    const patientId = await clinic.patient({ history: false, scans: [] });
    const startsAt = slot(4, 3);
    const booked = await staff.reception.post('/api/consultations', { type: 'free', patientId, startsAt, durationMinutes: 30 });
    expect(booked.status).toBe(201);
    const reminder = await one(patientId, 'consultation_reminder');
    await sender.deliverDue(new Date(Date.parse(reminder['sendAt'] as string)));
    expect(await one(patientId, 'consultation_reminder')).toMatchObject({ state: 'sent' });
    const [mail] = mailsTo(reminder['to']);
    const text = partOf(mail.raw, 'text/plain');
    expect(text).toContain(`This is a reminder of your consultation at Venule Vein Clinic on ${inWords(startsAt)}.`);
    expect(text).toContain('Nothing is due on the day.');
  });

  it('never sends a recall, an aftercare plan or a consultation reminder twice when two senders run at once', async () => {
    const courses = [await firstCompleted(), await firstCompleted(), await firstCompleted()];
    const consultationPatient = await clinic.patient({ history: false, scans: [] });
    const consultation = await staff.reception.post('/api/consultations', {
      type: 'free',
      patientId: consultationPatient,
      startsAt: slot(3, 5),
      durationMinutes: 30,
    });
    expect(consultation.status).toBe(201);
    const later = new Date(Math.max(...courses.map((c) => c.closingAt.getTime())) + HOUR);
    const already = smtp.received.length;
    const [a, b] = await Promise.all([sender.deliverDue(later), sender.deliverDue(later)]);
    expect(a + b).toBe(smtp.received.length - already);

    for (const patientId of [...courses.map((c) => c.patientId), consultationPatient]) {
      const sent = (await messagesOf(patientId)).filter((m) => m['state'] === 'sent');
      for (const m of sent) expect(mailsTo(m['to']).filter((r) => subjectOf(r.raw) === m['subject'])).toHaveLength(1);
      expect(sent.map((m) => m['template']).sort()).toEqual(
        patientId === consultationPatient ? ['consultation_reminder'] : ['aftercare', 'recall_closing', 'recall_open'],
      );
    }
  });
});

describe('the demo clinic’s recalls and consultation reminders', () => {
  let t: TestApp;
  let reception: StaffClient;
  beforeAll(async () => {
    t = await TestApp.start({ demo: true });
    reception = await StaffClient.open(t.server);
    await reception.post('/api/auth/login', { email: 'reception@demo.venule', password: 'demo-venule' });
  });
  afterAll(() => t.stop());

  it('fills the outbox with queued recalls, one sent recall and the reminders of the consultations to come', async () => {
    const { items } = (await reception.get('/api/messages?limit=200')).body as { items: Row[] };
    const count = (template: string, state: string) => items.filter((m) => m['template'] === template && m['state'] === state).length;
    expect(count('recall_open', 'queued') + count('recall_closing', 'queued')).toBeGreaterThanOrEqual(2);
    expect(count('recall_open', 'sent')).toBe(1);
    expect(count('consultation_reminder', 'queued')).toBeGreaterThanOrEqual(2);
    const ahead = (await reception.get(`/api/consultations?from=${plusDays(clinicToday(), 3)}&limit=200`)).body.items as Row[];
    const reminded = new Set(items.map((m) => m['consultationId']));
    for (const c of ahead.filter((c) => c['status'] === 'booked' || c['status'] === 'awaiting_deposit'))
      expect(reminded).toContain(c['id']);
  });
});
