import { addHours, preTreatmentAdvice } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { NO_MAIL_SERVER } from '../messages/delivery';
import { renderMessage } from '../messages/message-templates';
import { MessagesRepository } from '../messages/messages.repository';
import { inWords, OutboxService } from '../messages/outbox.service';
import type { ClinicClock } from '../platform/config/clinic-clock';
import { SettingsRepository } from '../settings/settings.repository';
import type { DemoClinicRepository } from './demo-clinic.repository';

/** Stateless repositories (every method takes the transaction): the ones the features write with. */
const messages = new MessagesRepository();
const settings = new SettingsRepository();

/**
 * The outbox of the demo clinic: every booked session's reminder written as a booking writes it
 * (queued; the ones due within 48 hours go to the sender at once, and without a mail server come
 * out failed as "not sent"), and for the sessions given in the last two weeks the reminders that
 * went out before them: one refused by the patient's mail server, one not sent for want of a mail
 * server (as the demo runs), so reception has both kinds of failed message to find and resend.
 */
export async function seedDemoMessages(tx: EntityManager, demo: DemoClinicRepository, clock: ClinicClock): Promise<void> {
  const outbox = new OutboxService(clock, settings, messages);
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
}
