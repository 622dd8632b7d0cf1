/**
 * The message outbox (SPEC §2 Message, §4 `message`): every reminder and aftercare message the
 * clinic sends, with where it is on its way to the patient.
 */
import type { IsoInstant, RecordMeta } from './common';

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export const MESSAGE_STATES = ['queued', 'sent', 'failed', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * What a message is: a booked session's reminder (48 hours before); the dated aftercare plan; the
 * recalls of a course with sessions left, when its next window opens and 14 days before it closes
 * (sent only if nothing is booked then); a booked consultation's reminder (48 hours before).
 */
export const MESSAGE_TEMPLATES = ['session_reminder', 'aftercare', 'recall_open', 'recall_closing', 'consultation_reminder'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

/**
 * One message of the outbox. Its text is not part of it: a reminder's pre-treatment advice and
 * an aftercare plan are what the patient is handed, but the outbox is a list of deliveries.
 */
export interface Message extends RecordMeta {
  channel: MessageChannel;
  /** The email address or phone number it is (or was) sent to. */
  to: string;
  template: MessageTemplate;
  subject: string;
  state: MessageState;
  /** When it is due to go (a reminder: 48 hours before the appointment). */
  sendAt: IsoInstant;
  sentAt: IsoInstant | null;
  /** Delivery attempts so far (a failed one is retried with backoff, then left failed). */
  attempts: number;
  /** Why the last attempt failed, or why it was never sent (e.g. `not sent: no mail server configured`). */
  lastError: string | null;
  patientId: string;
  /** The patient's name and clinic number, for the outbox list. */
  patientName: string;
  clinicNumber: string;
  /** The session it reminds of, or (aftercare, recalls) the completed session it follows. */
  sessionId: string | null;
  /** A consultation reminder's consultation. */
  consultationId?: string;
}

/** `GET /api/messages?state=&patientId=`, newest due first. */
export interface ListMessagesQuery {
  state?: MessageState;
  patientId?: string;
  limit?: number;
  offset?: number;
}
