import type { Message, MessageChannel, MessageState, MessageTemplate } from '@venule/api-contract';
import { clinicDateOf, clinicTimeOf } from '../core/dates';
import { formatDateWithWeekday } from '@venule/clinical-rules';

export const TEMPLATE_LABELS: Record<MessageTemplate, string> = {
  session_reminder: 'Appointment reminder',
  aftercare: 'Aftercare plan',
  recall_open: 'Recall: window open',
  recall_closing: 'Recall: window closing',
  consultation_reminder: 'Consultation reminder',
};

export const STATE_LABELS: Record<MessageState, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const CHANNEL_LABELS: Record<MessageChannel, string> = { email: 'Email', sms: 'Text message' };

/** The API's reason for a message the demo (no `SMTP_URL`) could not send. */
export const NO_MAIL_SERVER = 'not sent: no mail server configured';

/** `Tuesday 8 December 2026 at 09:30` on the clinic's wall clock, as the messages themselves say it. */
export function inWords(instant: string): string {
  return `${formatDateWithWeekday(clinicDateOf(instant))} at ${clinicTimeOf(instant)}`;
}

/** When the message went, or is (or was) due to go. */
export function whenText(m: Message): string {
  if (m.state === 'sent' && m.sentAt) return `Sent ${inWords(m.sentAt)}`;
  return `${m.state === 'queued' ? 'Due' : 'Was due'} ${inWords(m.sendAt)}`;
}

export function attemptsText(attempts: number): string {
  return attempts === 0 ? 'No attempts yet' : attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}

/** Why a message did not go, in the receptionist's words (the API's reasons start "not sent: "). */
export function reasonText(m: Message): string | null {
  if (!m.lastError) return null;
  if (m.lastError === NO_MAIL_SERVER)
    return 'Not sent: no mail server is configured yet. Resend it once the clinic’s mail server is set up.';
  if (m.lastError.startsWith('not sent: ')) return `Not sent: ${m.lastError.slice('not sent: '.length)}.`;
  return `Last error: ${m.lastError}`;
}
