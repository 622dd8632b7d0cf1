import { addHours, clinicWallTime, courseWindow, formatDateWithWeekday, preTreatmentAdvice } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { loadLegTreatments, loadPolicy } from '../clearance/clinical-facts.repository';
import { ConsultationsRepository, toConsultation } from '../consultations/consultations.repository';
import { MessageRenderer } from '../messages/message-renderer';
import { SOURCES, renderMessage } from '../messages/message-templates';
import { MessageTemplatesRepository } from '../messages/message-templates.repository';
import { NO_MAIL_SERVER } from '../messages/delivery';
import { MessagesRepository } from '../messages/messages.repository';
import { inWords, OutboxService, RECALL_TIME, windowInWords } from '../messages/outbox.service';
import type { ClinicClock } from '../platform/config/clinic-clock';
import { SettingsRepository } from '../settings/settings.repository';
import type { DemoClinicRepository } from './demo-clinic.repository';
import type { DemoStaff } from './demo-staff';

/** Stateless repositories (every method takes the transaction): the ones the features write with. */
const messages = new MessagesRepository();
const settings = new SettingsRepository();
const consultations = new ConsultationsRepository();
const templates = new MessageTemplatesRepository();

/**
 * The demo clinic's own words for its aftercare message, as its admin saved them on the message
 * templates page: the built-in words, signed by the team. The reminder keeps the built-in words.
 */
export async function seedDemoTemplates(tx: EntityManager, staff: DemoStaff): Promise<void> {
  const builtIn = SOURCES.aftercare;
  await templates.save(
    tx,
    'aftercare',
    {
      subject: 'Looking after your legs: your aftercare plan from {{clinicName}}',
      text: builtIn.text.replace(/\n\{\{clinicName\}\}\n$/, '\nWith best wishes,\nThe team at {{clinicName}}\n'),
      html: builtIn.html.replace(/<p>\{\{clinicName\}\}<\/p>\n$/, '<p>With best wishes,<br>The team at {{clinicName}}</p>\n'),
    },
    0,
    staff.admin,
  );
}

/**
 * The outbox of the demo clinic: every booked session's reminder written as a booking writes it
 * (queued; the ones due within 48 hours go to the sender at once, and without a mail server come
 * out failed as "not sent"), and for the sessions given in the last two weeks the reminders that
 * went out before them: one refused by the patient's mail server, one not sent for want of a mail
 * server (as the demo runs), so reception has both kinds of failed message to find and resend; the
 * recalls of every course with sessions left, the first whose window is open already recalled; and
 * the reminders of the consultations to come.
 */
export async function seedDemoMessages(tx: EntityManager, demo: DemoClinicRepository, clock: ClinicClock): Promise<void> {
  const outbox = new OutboxService(clock, settings, messages, new MessageRenderer(templates));
  const now = clock.now();
  const clinic = await settings.identity(tx);
  const sessions = await demo.sessionsAround(tx, now);
  let past = 0;
  for (const s of sessions) {
    const scheduledFor = s.scheduled_for.toISOString();
    if (s.status === 'scheduled' && s.scheduled_for > now) {
      await outbox.remindOfSession(tx, { id: s.id, patientId: s.patient_id, scheduledFor });
      continue;
    }
    if (s.status !== 'completed') continue;
    const recipient = await messages.recipient(tx, s.patient_id);
    if (!recipient?.email) continue;
    const sendAt = addHours(scheduledFor, -48);
    const rendered = renderMessage('session_reminder', {
      firstName: recipient.first_name,
      clinicName: clinic.name,
      clinicPhone: clinic.phone,
      when: inWords(scheduledFor, clock.timeZone),
      advice: preTreatmentAdvice(scheduledFor, clock.timeZone, sendAt).items.map((i) => i.text),
    });
    past += 1;
    const refusedBy = past === 1 ? 'patient' : past === 2 ? 'no server' : null;
    await messages.insertPast(tx, {
      dedupeKey: `session_reminder:${s.id}`,
      patientId: s.patient_id,
      sessionId: s.id,
      channel: 'email',
      to: recipient.email,
      template: 'session_reminder',
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      sendAt,
      createdAt: addHours(scheduledFor, -24 * 7),
      state: refusedBy ? 'failed' : 'sent',
      sentAt: refusedBy ? null : addHours(sendAt, 1 / 60),
      attempts: 1,
      lastError:
        refusedBy === 'patient'
          ? `SMTP: Can't send mail - all recipients were rejected: 550 5.1.1 <${recipient.email}>: Recipient address rejected`
          : refusedBy === 'no server'
            ? NO_MAIL_SERVER
            : null,
    });
  }
  await seedRecalls(tx, demo, outbox, clock);
  for (const id of await demo.consultationsAhead(tx, now)) {
    const row = await consultations.find(tx, id);
    if (row) await outbox.remindOfConsultation(tx, toConsultation(row, await consultations.payments(tx, [id]), clock.timeZone));
  }
}

/**
 * Each course with sessions left recalls its patient as a completion does; for the first one
 * whose window is open with nothing booked, the opening recall went out the morning it opened.
 */
async function seedRecalls(tx: EntityManager, demo: DemoClinicRepository, outbox: OutboxService, clock: ClinicClock): Promise<void> {
  const clinic = await settings.identity(tx);
  const policy = await loadPolicy(tx);
  const courses = await demo.coursesToRecall(tx);
  const treatments = await loadLegTreatments(
    tx,
    courses.map((c) => c.patient_id),
  );
  const today = clock.today();
  let recalled = false;
  for (const c of courses) {
    const window = courseWindow(c.legs, c.completed_on, treatments.get(c.patient_id) ?? [], policy);
    if (!window) continue;
    const recipient = await messages.recipient(tx, c.patient_id);
    if (!recalled && !c.booked && window.earliest < today && today <= window.latest && recipient?.email) {
      recalled = true;
      const sentAt = clinicWallTime(window.earliest, RECALL_TIME, clock.timeZone);
      const rendered = renderMessage('recall_open', {
        firstName: recipient.first_name,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        window: windowInWords(window),
        closesOn: formatDateWithWeekday(window.latest),
      });
      await messages.insertPast(tx, {
        dedupeKey: `recall_open:${c.course_id}:${c.sequence}`,
        patientId: c.patient_id,
        sessionId: c.session_id,
        channel: 'email',
        to: recipient.email,
        template: 'recall_open',
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        sendAt: sentAt,
        createdAt: c.completed_at.toISOString(),
        state: 'sent',
        sentAt: addHours(sentAt, 1 / 60),
        attempts: 1,
        lastError: null,
      });
    }
    await outbox.recall(tx, { courseId: c.course_id, sessionId: c.session_id, sequence: c.sequence, patientId: c.patient_id, window });
  }
}
