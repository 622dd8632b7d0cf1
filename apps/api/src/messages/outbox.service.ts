import { Injectable } from '@nestjs/common';
import type { Aftercare, ClinicIdentity, Consultation, MessageTemplate, MessageWords, SessionWindow } from '@venule/api-contract';
import {
  addDays,
  addHours,
  clinicDate,
  clinicWallTime,
  formatClinicTime,
  formatDateWithWeekday,
  formatPounds,
  preTreatmentAdvice,
} from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { ClinicClock } from '../platform/config/clinic-clock';
import { SettingsRepository } from '../settings/settings.repository';
import { MessageRenderer } from './message-renderer';
import type { RenderedMessage } from './message-templates';
import { MessagesRepository, type MessageAddress, type OutgoingMessage, type Recipient, type StaleReasons } from './messages.repository';

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

/** A recall goes at this hour of the clinic's day: a message that wakes nobody, read when the clinic answers the phone. */
export const RECALL_TIME = '09:00';
/** The second recall goes this many days before the window closes, if nothing is booked by then. */
export const RECALL_CLOSING_DAYS_BEFORE = 14;

/** Why a recall was not sent (decided when it was due). */
export const NEXT_SESSION_BOOKED = 'not sent: the next session is booked';
export const COURSE_ENDED = 'not sent: the course has ended';
/** A recall superseded by the recalls of a later completed session of its course. */
export const LATER_SESSION_TOOK_PLACE = 'not sent: a later session has taken place';

/** Why a consultation's reminder was not sent. */
export const CONSULTATION_CANCELLED = 'not sent: the consultation was cancelled';
export const CONSULTATION_MISSED = 'not sent: the consultation was marked not attended';
export const CONSULTATION_TOOK_PLACE = 'not sent: the consultation has taken place';

/** What the sender cancels just before sending (see `MessagesRepository.cancelStale`). */
export const STALE_REASONS: StaleReasons = {
  sessionNotBooked: 'the session is no longer booked',
  consultationNotBooked: 'not sent: the consultation is no longer booked',
  courseEnded: COURSE_ENDED,
  nextBooked: NEXT_SESSION_BOOKED,
};

/** `Tuesday 8 December 2026 at 09:30` on the clinic's wall clock. */
export const inWords = (instant: string, timeZone: string) =>
  `${formatDateWithWeekday(clinicDate(instant, timeZone))} at ${formatClinicTime(instant, timeZone)}`;

/** `between Tuesday 5 January 2027 and Tuesday 2 March 2027`. */
export const windowInWords = (w: SessionWindow) => `between ${formatDateWithWeekday(w.earliest)} and ${formatDateWithWeekday(w.latest)}`;

/** What the messages of a completion are written from, read with its other facts. */
export interface MessageFacts {
  /** Null when there is no such patient. */
  recipient: Recipient | null;
  clinic: ClinicIdentity;
  /** The clinic's words per template (absent or null: the built-in ones). */
  words: Partial<Record<MessageTemplate, MessageWords | null>>;
}

/** A course step whose recalls are due: its session `sequence` was completed, and its next window is `window`. */
export interface RecallStep {
  courseId: string;
  sessionId: string;
  sequence: number;
  patientId: string;
  window: SessionWindow;
}

/** What a message is about: its dedupe key and the session or consultation it names. */
interface About {
  key: string;
  sessionId: string | null;
  consultationId?: string;
}

/**
 * Writes the messages a booking or a completion causes, inside the caller's transaction, so a
 * message exists exactly when the write that causes it committed. One message per kind and
 * session, course step or consultation (its dedupe key): booking again or moving rewrites the
 * queued one.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly clock: ClinicClock,
    private readonly settings: SettingsRepository,
    private readonly messages: MessagesRepository,
    private readonly renderer: MessageRenderer,
  ) {}

  /** The reminder of a booked (or moved) session: due 48 hours before, with the pre-treatment advice as of then. */
  async remindOfSession(tx: EntityManager, session: { id: string; patientId: string; scheduledFor: string }): Promise<void> {
    const { sendAt, facts } = this.reminderOf(session.scheduledFor, await this.settings.identity(tx));
    await this.write(tx, 'session_reminder', session.patientId, this.ofSession('session_reminder', session.id), sendAt, (firstName) =>
      this.renderer.render(tx, 'session_reminder', facts(firstName)),
    );
  }

  /**
   * The message `remindOfSession` writes, made of what the caller read: a booking reads these facts
   * with its own and writes the reminder in its own statement.
   */
  sessionReminder(
    session: { id: string; patientId: string; scheduledFor: string },
    read: { clinic: ClinicIdentity; recipient: Recipient; words: MessageWords | null },
  ): OutgoingMessage {
    const { sendAt, facts } = this.reminderOf(session.scheduledFor, read.clinic);
    const rendered = this.renderer.renderWith(read.words, 'session_reminder', facts(read.recipient.first_name));
    return outgoing(
      'session_reminder',
      session.patientId,
      this.ofSession('session_reminder', session.id),
      sendAt,
      read.recipient,
      rendered,
    );
  }

  /** A session reminder's time and words: due 48 hours before, with the pre-treatment advice as of then. */
  private reminderOf(scheduledFor: string, clinic: ClinicIdentity) {
    const now = this.clock.now().toISOString();
    const due = addHours(scheduledFor, -REMINDER_HOURS_BEFORE);
    const sendAt = Date.parse(due) > Date.parse(now) ? due : now;
    const zone = this.clock.timeZone;
    const advice = preTreatmentAdvice(scheduledFor, zone, sendAt);
    return {
      sendAt,
      facts: (firstName: string) => ({
        firstName,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        when: inWords(scheduledFor, zone),
        advice: advice.items.map((i) => i.text),
      }),
    };
  }

  /**
   * The dated aftercare plan of a completed session (the same plan as its aftercare sheet), due
   * now, for the caller to write; null when the patient is not there to send it to.
   */
  aftercareMessage(facts: MessageFacts, patientId: string, plan: Aftercare): OutgoingMessage | null {
    const { recipient, clinic } = facts;
    if (!recipient) return null;
    const rendered = this.renderer.renderWith(facts.words.aftercare, 'aftercare', {
      firstName: recipient.first_name,
      clinicName: clinic.name,
      clinicPhone: clinic.phone,
      outOfHoursPhone: clinic.outOfHoursPhone,
      treatedOn: formatDateWithWeekday(plan.completedOn),
      items: plan.items.map((i) => i.text),
      nextWindow: windowInWords(plan.nextWindow),
    });
    return outgoing(
      'aftercare',
      patientId,
      this.ofSession('aftercare', plan.sessionId),
      this.clock.now().toISOString(),
      recipient,
      rendered,
    );
  }

  /**
   * The recalls of a course with sessions left, after its session `sequence` was completed: one
   * when the next window opens and one 14 days before it closes, each at 09:00 clinic time (the
   * second only if that is after the first). Whether each is still wanted is decided when it is
   * due (`cancelStale`); the recalls of an earlier session of the course are superseded.
   */
  async recall(tx: EntityManager, step: RecallStep): Promise<void> {
    await this.messages.cancelRecalls(tx, step.courseId, LATER_SESSION_TOOK_PLACE);
    const recalls = this.recallsOf(step);
    if (recalls.length === 0) return;
    const clinic = await this.settings.identity(tx);
    for (const r of recalls) {
      await this.write(tx, r.template, step.patientId, r.about, r.sendAt, (firstName) =>
        this.renderer.render(tx, r.template, recallFacts(firstName, clinic, step.window)),
      );
    }
  }

  /**
   * `recall`'s messages for the caller to write with the cancellation of the course's earlier
   * recalls (`LATER_SESSION_TOOK_PLACE`); none when the patient is not there to send them to.
   */
  recallMessages(facts: MessageFacts, step: RecallStep): OutgoingMessage[] {
    const { recipient, clinic } = facts;
    if (!recipient) return [];
    return this.recallsOf(step).map((r) =>
      outgoing(
        r.template,
        step.patientId,
        r.about,
        r.sendAt,
        recipient,
        this.renderer.renderWith(facts.words[r.template], r.template, recallFacts(recipient.first_name, clinic, step.window)),
      ),
    );
  }

  /** When each recall of `step` is due; none once its window has closed (a course's past, written up late). */
  private recallsOf(step: RecallStep): { template: 'recall_open' | 'recall_closing'; about: About; sendAt: string }[] {
    if (step.window.latest < this.clock.today()) return [];
    const zone = this.clock.timeZone;
    const closingOn = addDays(step.window.latest, -RECALL_CLOSING_DAYS_BEFORE);
    const recalls: ['recall_open' | 'recall_closing', string][] = [['recall_open', step.window.earliest]];
    if (closingOn > step.window.earliest) recalls.push(['recall_closing', closingOn]);
    return recalls.map(([template, on]) => ({
      template,
      about: { key: `${template}:${step.courseId}:${step.sequence}`, sessionId: step.sessionId },
      sendAt: this.notBeforeNow(clinicWallTime(on, RECALL_TIME, zone)),
    }));
  }

  /**
   * A consultation's reminder, written with its booking and rewritten when it is moved or paid
   * for (due 48 hours before, naming what is still to pay); cancelled once the consultation is
   * cancelled, missed or attended.
   */
  async remindOfConsultation(tx: EntityManager, c: Consultation): Promise<void> {
    if (c.status === 'cancelled' || c.status === 'did_not_attend' || c.status === 'attended') {
      const reason = { cancelled: CONSULTATION_CANCELLED, did_not_attend: CONSULTATION_MISSED, attended: CONSULTATION_TOOK_PLACE }[
        c.status
      ];
      await this.messages.cancelConsultationReminder(tx, c.id, reason);
      return;
    }
    const zone = this.clock.timeZone;
    const clinic = await this.settings.identity(tx);
    const about = { key: `consultation_reminder:${c.id}`, sessionId: null, consultationId: c.id };
    const sendAt = this.notBeforeNow(addHours(c.startsAt, -REMINDER_HOURS_BEFORE));
    await this.write(tx, 'consultation_reminder', c.patientId, about, sendAt, (firstName) =>
      this.renderer.render(tx, 'consultation_reminder', {
        firstName,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        when: inWords(c.startsAt, zone),
        clinicianName: c.type === 'named_doctor' ? (c.clinicianName ?? '') : '',
        balanceDue: c.balanceDuePence > 0 ? formatPounds(c.balanceDuePence) : '',
      }),
    );
  }

  /** A cancelled, missed or completed session's reminder is not sent. */
  async cancelOfSession(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await this.messages.cancelReminders(tx, { sessionId }, reason);
  }

  /** A closed or completed course's booked sessions were cancelled with it, and so are their reminders; its recalls stop. */
  async cancelOfCourse(tx: EntityManager, courseId: string, reason: string): Promise<void> {
    await this.messages.cancelReminders(tx, { courseId }, reason);
    await this.messages.cancelRecalls(tx, courseId, COURSE_ENDED);
  }

  private ofSession(template: MessageTemplate, sessionId: string): About {
    return { key: `${template}:${sessionId}`, sessionId };
  }

  /** A message whose time has already come (booked late, or a window already open) goes now. */
  private notBeforeNow(due: string): string {
    const now = this.clock.now().toISOString();
    return Date.parse(due) > Date.parse(now) ? due : now;
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
    about: About,
    sendAt: string,
    render: (firstName: string) => Promise<RenderedMessage>,
  ): Promise<void> {
    const recipient = await this.messages.recipient(tx, patientId);
    if (!recipient) return;
    await this.messages.upsert(tx, outgoing(template, patientId, about, sendAt, recipient, await render(recipient.first_name)));
  }
}

/** A message as written: addressed the way the patient chose, with what it says. */
function outgoing(
  template: MessageTemplate,
  patientId: string,
  about: About,
  sendAt: string,
  recipient: Recipient,
  rendered: RenderedMessage,
): OutgoingMessage {
  const address = addressOf(recipient);
  return {
    dedupeKey: about.key,
    patientId,
    sessionId: about.sessionId,
    consultationId: about.consultationId,
    template,
    sendAt,
    subject: rendered.subject,
    text: rendered.text,
    channel: address.channel,
    to: address.to,
    // Only an email has an HTML part; a text message is the plain text.
    html: address.channel === 'email' ? rendered.html : null,
    cancelledBecause: address.cancelledBecause,
  };
}

const recallFacts = (firstName: string, clinic: ClinicIdentity, window: SessionWindow) => ({
  firstName,
  clinicName: clinic.name,
  clinicPhone: clinic.phone,
  window: windowInWords(window),
  closesOn: formatDateWithWeekday(window.latest),
});

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
