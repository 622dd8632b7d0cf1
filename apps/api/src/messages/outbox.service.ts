import { Injectable } from '@nestjs/common';
import type { Aftercare, MessageTemplate } from '@venule/api-contract';
import { addHours, clinicDate, formatClinicTime, formatDateWithWeekday, preTreatmentAdvice } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { ClinicClock } from '../platform/config/clinic-clock';
import { SettingsRepository } from '../settings/settings.repository';
import { renderMessage, type RenderedMessage } from './message-templates';
import { MessagesRepository, type MessageAddress, type Recipient } from './messages.repository';

/** A booked session's reminder goes this long before the appointment (SPEC §2 Message). */
export const REMINDER_HOURS_BEFORE = 48;

/** Why a cancelled booking's reminder was not sent (the same words whatever the reason: reception reads them). */
export const BOOKING_CANCELLED = 'not sent: the booking was cancelled';
/** Why a missed session's reminder was not sent. */
export const BOOKING_MISSED = 'not sent: the session was marked not attended';

/** Why a message to a patient who opted out of messages was not sent (kept, so the outbox shows it). */
export const OPTED_OUT = 'not sent: the patient has opted out of messages';

/** Why a reminder still queued when its session was completed was not sent. */
export const SESSION_TOOK_PLACE = 'not sent: the session has taken place';

/** `Tuesday 8 December 2026 at 09:30` on the clinic's wall clock. */
export const inWords = (instant: string, timeZone: string) =>
  `${formatDateWithWeekday(clinicDate(instant, timeZone))} at ${formatClinicTime(instant, timeZone)}`;

/**
 * Writes the messages a booking or a completion causes, inside the caller's transaction, so a
 * message exists exactly when the write that causes it committed. One message per kind and
 * session (its dedupe key): booking again or moving rewrites the queued one.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly clock: ClinicClock,
    private readonly settings: SettingsRepository,
    private readonly messages: MessagesRepository,
  ) {}

  /** The reminder of a booked (or moved) session: due 48 hours before, with the pre-treatment advice as of then. */
  async remindOfSession(tx: EntityManager, session: { id: string; patientId: string; scheduledFor: string }): Promise<void> {
    const now = this.clock.now().toISOString();
    const due = addHours(session.scheduledFor, -REMINDER_HOURS_BEFORE);
    const sendAt = Date.parse(due) > Date.parse(now) ? due : now;
    const zone = this.clock.timeZone;
    const advice = preTreatmentAdvice(session.scheduledFor, zone, sendAt);
    const clinic = await this.settings.identity(tx);
    await this.write(tx, 'session_reminder', session.patientId, session.id, sendAt, (firstName) =>
      renderMessage('session_reminder', {
        firstName,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        when: inWords(session.scheduledFor, zone),
        advice: advice.items.map((i) => i.text),
      }),
    );
  }

  /** The dated aftercare plan of a completed session (the same plan as its aftercare sheet), due now. */
  async sendAftercare(tx: EntityManager, patientId: string, plan: Aftercare): Promise<void> {
    const clinic = await this.settings.identity(tx);
    await this.write(tx, 'aftercare', patientId, plan.sessionId, this.clock.now().toISOString(), (firstName) =>
      renderMessage('aftercare', {
        firstName,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        outOfHoursPhone: clinic.outOfHoursPhone,
        treatedOn: formatDateWithWeekday(plan.completedOn),
        items: plan.items.map((i) => i.text),
        nextWindow: `between ${formatDateWithWeekday(plan.nextWindow.earliest)} and ${formatDateWithWeekday(plan.nextWindow.latest)}`,
      }),
    );
  }

  /** A cancelled, missed or completed session's reminder is not sent. */
  async cancelOfSession(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await this.messages.cancelReminders(tx, { sessionId }, reason);
  }

  /** A closed course's booked sessions were cancelled with it, and so are their reminders. */
  async cancelOfCourse(tx: EntityManager, courseId: string, reason: string): Promise<void> {
    await this.messages.cancelReminders(tx, { courseId }, reason);
  }

  /** After a change of contact preference or details: the patient's queued messages go the new way, or are cancelled on opt-out. */
  async readdressQueued(tx: EntityManager, patientId: string): Promise<void> {
    const recipient = await this.messages.recipient(tx, patientId);
    if (recipient) await this.messages.readdressQueued(tx, patientId, addressOf(recipient));
  }

  private async write(
    tx: EntityManager,
    template: MessageTemplate,
    patientId: string,
    sessionId: string,
    sendAt: string,
    render: (firstName: string) => RenderedMessage,
  ): Promise<void> {
    const recipient = await this.messages.recipient(tx, patientId);
    if (!recipient) return;
    const rendered = render(recipient.first_name);
    const address = addressOf(recipient);
    await this.messages.upsert(tx, {
      dedupeKey: `${template}:${sessionId}`,
      patientId,
      sessionId,
      template,
      sendAt,
      subject: rendered.subject,
      text: rendered.text,
      channel: address.channel,
      to: address.to,
      // Only an email has an HTML part; a text message is the plain text.
      html: address.channel === 'email' ? rendered.html : null,
      cancelledBecause: address.cancelledBecause,
    });
  }
}

/**
 * The way the patient chose (the database keeps its address present); an opted-out patient's
 * message is written cancelled with the reason, and nowhere to send it is said, not hidden.
 */
function addressOf(r: Recipient): MessageAddress {
  if (r.contact_preference === 'none')
    return { channel: r.email ? 'email' : 'sms', to: r.email ?? r.phone ?? '', cancelledBecause: OPTED_OUT };
  if (r.contact_preference === 'email' && r.email) return { channel: 'email', to: r.email };
  if (r.contact_preference === 'sms' && r.phone) return { channel: 'sms', to: r.phone };
  return { channel: 'sms', to: '', cancelledBecause: 'not sent: the patient has no email address or phone number' };
}
