/**
 * The message outbox (SPEC §2 Message, §4): reminders written with the booking that causes them,
 * moved and cancelled with it; aftercare written with the completion; delivered by the sender at
 * the instant the test chooses (MessageSender.deliverDue), over SMTP to a server the test runs.
 */
import type { Role } from '@venule/api-contract';
import { addHours, clinicDate, formatClinicTime, formatDateWithWeekday, preTreatmentAdvice } from '@venule/clinical-rules';
import { MessageSender } from '../src/messages/message-sender';
import { Clinic, goodCompletion, instantIn } from './courses.fixtures';
import { partOf, startSmtp, subjectOf } from './support/smtp';
import type { StaffClient } from './support/staff-client';
import { TestApp } from './support/test-app';

const ZONE = 'Europe/London';
const HOUR = 3_600_000;
const inWords = (instant: string) => `${formatDateWithWeekday(clinicDate(instant, ZONE))} at ${formatClinicTime(instant, ZONE)}`;

describe('the message outbox', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let replies: (n: number) => number = () => 250;
  let t: TestApp;
  let staff: Record<Role, StaffClient>;
  let clinic: Clinic;
  let sender: MessageSender;

  beforeAll(async () => {
    smtp = await startSmtp((n) => replies(n));
    t = await TestApp.start({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Venule Vein Clinic <clinic@example.org>' } });
    staff = await t.signInAll();
    clinic = new Clinic(t, staff.reception, staff.clinician);
    sender = t.app.get(MessageSender);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  const messagesOf = async (patientId: string) => {
    const res = await staff.reception.get(`/api/messages?patientId=${patientId}`);
    expect(res.status).toBe(200);
    return res.body.items as Record<string, unknown>[];
  };
  const bodyOf = async (id: string): Promise<{ body_text: string; body_html: string | null }> =>
    (await t.db.query(`SELECT body_text, body_html FROM messages WHERE id = $1`, [id]))[0];

  async function booked(days = 10) {
    const patientId = await clinic.patient();
    const courseId = await clinic.course(patientId);
    const scheduledFor = instantIn(days, 0);
    const sessionId = await clinic.book(courseId, scheduledFor);
    return { patientId, courseId, sessionId, scheduledFor };
  }

  it('writes a booked session’s reminder, due 48 hours before, with the pre-treatment advice and the time in words', async () => {
    const { patientId, sessionId, scheduledFor } = await booked();
    const [reminder, ...others] = await messagesOf(patientId);
    expect(others).toEqual([]);
    const sendAt = addHours(scheduledFor, -48);
    expect(reminder).toMatchObject({ template: 'session_reminder', channel: 'email', state: 'queued', sessionId, patientId, attempts: 0 });
    expect(reminder['to']).toMatch(/^course\.\d+@example\.org$/);
    expect(Date.parse(reminder['sendAt'] as string)).toBe(Date.parse(sendAt));
    expect(reminder['subject']).toContain(inWords(scheduledFor));

    const { body_text, body_html } = await bodyOf(reminder['id'] as string);
    expect(body_text).toContain(`Dear Course,`);
    expect(body_text).toContain(inWords(scheduledFor));
    for (const item of preTreatmentAdvice(scheduledFor, ZONE, sendAt).items) expect(body_text).toContain(item.text);
    expect(body_text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(body_html).toContain('<li>Wear loose, comfortable clothing: shorts or a loose skirt are ideal.</li>');
  });

  it('moves the reminder with its booking and rewrites its time, and cancels it with a cancelled or missed booking', async () => {
    const { patientId, sessionId } = await booked();
    const movedTo = instantIn(12, 90);
    const moved = await staff.reception.post(`/api/sessions/${sessionId}/move`, { scheduledFor: movedTo, version: 1 });
    expect(moved.status).toBe(200);
    const [reminder, ...others] = await messagesOf(patientId);
    expect(others).toEqual([]);
    expect(Date.parse(reminder['sendAt'] as string)).toBe(Date.parse(addHours(movedTo, -48)));
    expect((await bodyOf(reminder['id'] as string)).body_text).toContain(inWords(movedTo));

    const cancelled = await staff.reception.post(`/api/sessions/${sessionId}/cancel`, { version: moved.body.version });
    expect(cancelled.status).toBe(200);
    expect(await messagesOf(patientId)).toEqual([
      expect.objectContaining({ id: reminder['id'], state: 'cancelled', lastError: 'not sent: the booking was cancelled' }),
    ]);

    const missed = await booked(0);
    const dna = await staff.reception.post(`/api/sessions/${missed.sessionId}/did-not-attend`, { version: 1 });
    expect(dna.status).toBe(200);
    expect(await messagesOf(missed.patientId)).toEqual([
      expect.objectContaining({ state: 'cancelled', lastError: 'not sent: the session was marked not attended' }),
    ]);
  });

  it('writes the aftercare plan when a session is completed, with the aftercare sheet’s dates, due at once', async () => {
    const patientId = await clinic.patient();
    const sessionId = await clinic.book(await clinic.course(patientId), instantIn(0, 10));
    const before = Date.now();
    expect((await staff.clinician.post(`/api/sessions/${sessionId}/complete`, goodCompletion())).status).toBe(200);
    const sheet = (await staff.reception.get(`/api/sessions/${sessionId}/aftercare`)).body;

    const messages = await messagesOf(patientId);
    const aftercare = messages.find((m) => m['template'] === 'aftercare') as Record<string, unknown>;
    expect(aftercare).toMatchObject({ state: 'queued', channel: 'email', sessionId });
    expect(Date.parse(aftercare['sendAt'] as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(aftercare['sendAt'] as string)).toBeLessThanOrEqual(Date.now());
    expect(messages.find((m) => m['template'] === 'session_reminder')).toMatchObject({
      state: 'cancelled',
      lastError: 'not sent: the session has taken place',
    });

    const { body_text } = await bodyOf(aftercare['id'] as string);
    for (const item of sheet.items as { text: string }[]) expect(body_text).toContain(item.text);
    expect(body_text).toContain(formatDateWithWeekday(sheet.nextWindow.earliest));
    expect(body_text).toContain(formatDateWithWeekday(sheet.nextWindow.latest));
  });

  it('shows reception and managers the outbox without any message text, and refuses admin', async () => {
    const { patientId } = await booked();
    for (const role of ['reception', 'clinician', 'manager'] as const) {
      const res = await staff[role].get(`/api/messages?patientId=${patientId}&state=queued`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
      expect(Object.keys(res.body.items[0]).sort()).toEqual(
        [
          'attempts',
          'channel',
          'clinicNumber',
          'createdAt',
          'id',
          'lastError',
          'patientId',
          'patientName',
          'sendAt',
          'sentAt',
          'sessionId',
          'state',
          'subject',
          'template',
          'to',
          'updatedAt',
          'version',
        ].sort(),
      );
    }
    const id = (await messagesOf(patientId))[0]['id'];
    expect((await staff.admin.get('/api/messages')).status).toBe(403);
    expect((await staff.admin.post(`/api/messages/${id}/resend`)).status).toBe(403);
    expect((await staff.manager.post(`/api/messages/${id}/resend`)).status).toBe(403);
    const bad = await staff.reception.get('/api/messages?state=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'state' })]);
  });

  it('emails a due reminder over SMTP: recipient, subject, time in words and the advice, once', async () => {
    const { patientId, scheduledFor } = await booked(5);
    const [reminder] = await messagesOf(patientId);
    const due = new Date(Date.parse(reminder['sendAt'] as string));
    const toPatient = () => smtp.received.filter((r) => r.to.includes(reminder['to'] as string));

    await sender.deliverDue(new Date(due.getTime() - 60_000));
    expect(toPatient()).toEqual([]);
    expect((await messagesOf(patientId))[0]['state']).toBe('queued');

    await sender.deliverDue(due);
    const mine = toPatient();
    expect(mine).toHaveLength(1);
    const [mail] = mine;
    expect(subjectOf(mail.raw)).toBe(`Your appointment at Venule Vein Clinic on ${inWords(scheduledFor)}`);
    const text = partOf(mail.raw, 'text/plain');
    expect(text).toContain(`on ${inWords(scheduledFor)}`);
    for (const item of preTreatmentAdvice(scheduledFor, ZONE, due.toISOString()).items) expect(text).toContain(item.text);
    expect(partOf(mail.raw, 'text/html')).toContain(`<strong>${inWords(scheduledFor)}</strong>`);
    expect((await messagesOf(patientId))[0]).toMatchObject({ state: 'sent', attempts: 1, lastError: null });

    await sender.deliverDue(new Date(due.getTime() + 3_600_000));
    expect(toPatient()).toHaveLength(1);
  });

  it('texts a patient who gave only a phone number, through the SMS provider (which only logs)', async () => {
    const registered = await staff.reception.post('/api/patients', {
      firstName: 'Phone',
      lastName: 'Only',
      dateOfBirth: '1979-02-03',
      sex: 'female',
      phone: '07700 900777',
      confirmDuplicate: true,
    });
    expect(registered.status).toBe(201);
    const patientId = registered.body.id as string;
    await clinic.book(await clinic.course(patientId), instantIn(1, 0));
    const [reminder] = await messagesOf(patientId);
    expect(reminder).toMatchObject({ channel: 'sms', to: '07700 900777', state: 'queued' });
    expect((await bodyOf(reminder['id'] as string)).body_html).toBeNull();
    const already = smtp.received.length;
    await sender.deliverDue(new Date(Date.now() + 60_000));
    expect((await messagesOf(patientId))[0]).toMatchObject({ state: 'sent', attempts: 1 });
    expect(smtp.received.slice(already).some((r) => r.to.includes('07700 900777'))).toBe(false);
  });

  it('follows the patient’s contact preference, moving queued messages with it; opting out cancels them and the ones written after', async () => {
    const { patientId, courseId } = await booked(8);
    const [reminder] = await messagesOf(patientId);
    const patient = (await staff.reception.get(`/api/patients/${patientId}`)).body;
    expect(reminder).toMatchObject({ channel: 'email', to: patient.email });

    const bySms = await staff.reception.patch(`/api/patients/${patientId}`, { version: patient.version, contactPreference: 'sms' });
    expect(bySms.status).toBe(200);
    expect(await messagesOf(patientId)).toEqual([
      expect.objectContaining({ id: reminder['id'], channel: 'sms', to: patient.phone, state: 'queued' }),
    ]);

    const byEmail = await staff.reception.patch(`/api/patients/${patientId}`, { version: bySms.body.version, contactPreference: 'email' });
    expect((await messagesOf(patientId))[0]).toMatchObject({ channel: 'email', to: patient.email, state: 'queued' });
    expect((await bodyOf(reminder['id'] as string)).body_html).toContain('<li>');

    const optedOut = await staff.reception.patch(`/api/patients/${patientId}`, {
      version: byEmail.body.version,
      contactPreference: 'none',
    });
    expect(optedOut.status).toBe(200);
    const later = await clinic.book(courseId, instantIn(30, 0));
    const optOut = { state: 'cancelled', lastError: 'not sent: the patient has opted out of messages' };
    expect(await messagesOf(patientId)).toEqual([
      expect.objectContaining({ sessionId: later, ...optOut }),
      expect.objectContaining({ id: reminder['id'], ...optOut }),
    ]);
    const already = smtp.received.length;
    await sender.deliverDue(new Date(Date.now() + 40 * 24 * HOUR));
    expect(smtp.received.slice(already).some((r) => r.to.includes(patient.email))).toBe(false);
  });

  it('texts an email-less patient’s reminder as before, and emails it once they give an address and choose email', async () => {
    const registered = await staff.reception.post('/api/patients', {
      firstName: 'Later',
      lastName: 'Email',
      dateOfBirth: '1981-04-05',
      sex: 'female',
      phone: '07700 900778',
      confirmDuplicate: true,
    });
    expect(registered.body.contactPreference).toBe('sms');
    const patientId = registered.body.id as string;
    await clinic.book(await clinic.course(patientId), instantIn(9, 0));
    const [reminder] = await messagesOf(patientId);
    expect(reminder).toMatchObject({ channel: 'sms', to: '07700 900778' });
    const changed = await staff.reception.patch(`/api/patients/${patientId}`, {
      version: registered.body.version,
      email: 'later.email@example.org',
      contactPreference: 'email',
    });
    expect(changed.status).toBe(200);
    expect((await messagesOf(patientId))[0]).toMatchObject({
      id: reminder['id'],
      channel: 'email',
      to: 'later.email@example.org',
      state: 'queued',
    });
    const { body_text, body_html } = await bodyOf(reminder['id'] as string);
    expect(body_html).toMatch(/^<p>Dear Later,<br>/);
    expect(body_html).not.toContain('\n');
    expect(body_text).toContain('Dear Later,');
  });

  it('never sends a message twice when two senders run at once', async () => {
    const patients = [await booked(6), await booked(6), await booked(6)];
    const later = new Date(Date.now() + 7 * 24 * HOUR);
    const already = smtp.received.length;
    const [a, b] = await Promise.all([sender.deliverDue(later), sender.deliverDue(later)]);
    const addresses = await Promise.all(patients.map(async (p) => (await messagesOf(p.patientId))[0]['to'] as string));
    for (const to of addresses) expect(smtp.received.filter((r) => r.to.includes(to))).toHaveLength(1);
    expect(a + b).toBe(smtp.received.length - already);
  });

  it('retries a refused email with backoff, then sends it; a permanent refusal fails it and reception can resend it', async () => {
    const { patientId } = await booked(3);
    const [reminder] = await messagesOf(patientId);
    const due = new Date(Date.parse(reminder['sendAt'] as string));
    const toPatient = () => smtp.received.filter((r) => r.to.includes(reminder['to'] as string)).length;

    replies = () => 451;
    await sender.deliverDue(due);
    let [now] = await messagesOf(patientId);
    expect(now).toMatchObject({ state: 'queued', attempts: 1 });
    expect(now['lastError']).toMatch(/^SMTP: .*451/);
    expect(Date.parse(now['sendAt'] as string)).toBe(due.getTime() + 60_000);

    replies = () => 250;
    await sender.deliverDue(new Date(due.getTime() + 30_000));
    expect(toPatient()).toBe(0);
    await sender.deliverDue(new Date(due.getTime() + 60_000));
    [now] = await messagesOf(patientId);
    expect(now).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(toPatient()).toBe(1);

    const other = await booked(3);
    const [second] = await messagesOf(other.patientId);
    replies = () => 550;
    await sender.deliverDue(new Date(Date.parse(second['sendAt'] as string)));
    replies = () => 250;
    [now] = await messagesOf(other.patientId);
    expect(now).toMatchObject({ state: 'failed', attempts: 1 });
    expect(now['lastError']).toMatch(/550/);

    const resent = await staff.reception.post(`/api/messages/${second['id']}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: second['id'], state: 'queued', attempts: 0, lastError: null });
    const again = await staff.reception.post(`/api/messages/${second['id']}/resend`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MESSAGE_NOT_FAILED');
    const audited = await t.db.query(`SELECT action, fields FROM audit_events WHERE entity = 'message' AND entity_id = $1`, [second['id']]);
    expect(audited).toEqual([{ action: 'update', fields: ['state'] }]);

    await sender.deliverDue(new Date());
    expect((await messagesOf(other.patientId))[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });
});

describe('the message outbox without a mail server', () => {
  let t: TestApp;
  let clinic: Clinic;
  let reception: StaffClient;

  beforeAll(async () => {
    t = await TestApp.start();
    const staff = await t.signInAll();
    reception = staff.reception;
    clinic = new Clinic(t, staff.reception, staff.clinician);
  });
  afterAll(() => t.stop());

  it('fails a due email as not sent, for reception to see and resend once a server is configured', async () => {
    const patientId = await clinic.patient();
    await clinic.book(await clinic.course(patientId), instantIn(1, 0));
    await t.app.get(MessageSender).deliverDue(new Date());
    const failed = await reception.get(`/api/messages?patientId=${patientId}&state=failed`);
    expect(failed.body.items).toEqual([
      expect.objectContaining({ state: 'failed', attempts: 1, lastError: 'not sent: no mail server configured', sentAt: null }),
    ]);
  });
});
