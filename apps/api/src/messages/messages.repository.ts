import { Injectable } from '@nestjs/common';
import type { ContactPreference, Message, MessageChannel, MessageState, MessageTemplate } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

interface MessageRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  patient_id: string;
  patient_name: string;
  clinic_number: string;
  session_id: string | null;
  consultation_id: string | null;
  channel: MessageChannel;
  to: string;
  template: MessageTemplate;
  subject: string;
  state: MessageState;
  send_at: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const SELECT = `
  SELECT m.id, m.version, m.created_at, m.updated_at, m.patient_id, p.first_name || ' ' || p.last_name AS patient_name,
         p.clinic_number, m.session_id, m.consultation_id, m.channel, m."to", m.template, m.subject, m.state, m.send_at, m.sent_at,
         m.attempts, m.last_error
    FROM messages m JOIN patients p ON p.id = m.patient_id`;

const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  channel: r.channel,
  to: r.to,
  template: r.template,
  subject: r.subject,
  state: r.state,
  sendAt: r.send_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
  attempts: r.attempts,
  lastError: r.last_error,
  patientId: r.patient_id,
  patientName: r.patient_name,
  clinicNumber: r.clinic_number,
  sessionId: r.session_id,
  ...(r.consultation_id ? { consultationId: r.consultation_id } : {}),
});

/** A message as written: where it goes, what it says, and when. */
export interface OutgoingMessage {
  dedupeKey: string;
  patientId: string;
  sessionId: string | null;
  consultationId?: string;
  channel: MessageChannel;
  to: string;
  template: MessageTemplate;
  subject: string;
  text: string;
  html: string | null;
  sendAt: string;
  /** Written cancelled, with the reason in `last_error` (nowhere to send it). */
  cancelledBecause?: string;
}

/** What the sender needs of a message it has claimed. */
export interface ClaimedMessage {
  id: string;
  channel: MessageChannel;
  to: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
}

/** A message of the demo clinic's past, in the state it reached. */
export interface PastMessage extends OutgoingMessage {
  state: MessageState;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** Why the sender cancels a message that should no longer go, in words reception reads. */
export interface StaleReasons {
  sessionNotBooked: string;
  consultationNotBooked: string;
  courseEnded: string;
  nextBooked: string;
}

/** Who a message is addressed to: the patient's name, contact details and how they want messages. */
export interface Recipient {
  first_name: string;
  email: string | null;
  phone: string | null;
  contact_preference: ContactPreference;
}

/** Where a message goes; `cancelledBecause` when it is not to be sent at all. */
export interface MessageAddress {
  channel: MessageChannel;
  to: string;
  cancelledBecause?: string;
}

/** The plain text as HTML, escaped: the HTML part of a text message re-addressed to email. */
const TEXT_AS_HTML = `'<p>' || replace(replace(replace(replace(body_text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), E'\\n', '<br>') || '</p>'`;

/** The patient a message goes to, as `Recipient` (no row for no such patient). */
export const recipientSql = (patientId: string) =>
  `SELECT first_name, email, phone, contact_preference FROM patients WHERE id = ${patientId}`;

/**
 * Writes several messages inside a larger statement, from `messageRecordset(...)` in `param`, as
 * `upsert` writes one: `rewrite` rewrites the one kept under a dedupe key while it is queued;
 * `keep` leaves any message already kept under it as it is.
 */
export const insertMessagesSql = (param: string, onConflict: 'rewrite' | 'keep') => `
  INSERT INTO messages (dedupe_key, patient_id, session_id, consultation_id, channel, "to", template, subject, body_text, body_html,
                        send_at, state, last_error)
  SELECT m.dedupe_key, m.patient_id, m.session_id, m.consultation_id, m.channel, m."to", m.template, m.subject, m.body_text, m.body_html,
         m.send_at, CASE WHEN m.cancelled_because IS NULL THEN 'queued' ELSE 'cancelled' END, m.cancelled_because
    FROM jsonb_to_recordset(${param}::jsonb) AS m(dedupe_key text, patient_id uuid, session_id uuid, consultation_id uuid, channel text,
         "to" text, template text, subject text, body_text text, body_html text, send_at timestamptz, cancelled_because text)
  ON CONFLICT (dedupe_key) ${
    onConflict === 'keep'
      ? 'DO NOTHING'
      : `DO UPDATE
    SET channel = excluded.channel, "to" = excluded."to", subject = excluded.subject, body_text = excluded.body_text,
        body_html = excluded.body_html, send_at = excluded.send_at, state = excluded.state, last_error = excluded.last_error,
        version = messages.version + 1, updated_at = now()
  WHERE messages.state = 'queued'`
  }`;

/** The parameter of `insertMessagesSql`. */
export const messageRecordset = (messages: readonly OutgoingMessage[]) =>
  JSON.stringify(
    messages.map((msg) => ({
      dedupe_key: msg.dedupeKey,
      patient_id: msg.patientId,
      session_id: msg.sessionId,
      consultation_id: msg.consultationId ?? null,
      channel: msg.channel,
      to: msg.to,
      template: msg.template,
      subject: msg.subject,
      body_text: msg.text,
      body_html: msg.html,
      send_at: msg.sendAt,
      cancelled_because: msg.cancelledBecause ?? null,
    })),
  );

/** The message outbox: all its SQL and the mapping to the contract. */
@Injectable()
export class MessagesRepository {
  async recipient(m: EntityManager, patientId: string): Promise<Recipient | null> {
    const [row] = await m.query(recipientSql('$1'), [patientId]);
    return row ?? null;
  }

  /**
   * Sends the patient's queued messages to `to` (a text message keeps its HTML part unused), or
   * cancels them with the reason. Messages already sent, failed or cancelled stay as they were.
   */
  async readdressQueued(m: EntityManager, patientId: string, to: MessageAddress): Promise<void> {
    await m.query(
      `UPDATE messages
          SET channel = $2, "to" = $3, body_html = CASE WHEN $2 = 'email' THEN coalesce(body_html, ${TEXT_AS_HTML}) ELSE body_html END,
              state = CASE WHEN $4::text IS NULL THEN 'queued' ELSE 'cancelled' END, last_error = $4, version = version + 1, updated_at = now()
        WHERE patient_id = $1 AND state = 'queued' AND (channel <> $2 OR "to" <> $3 OR $4::text IS NOT NULL)`,
      [patientId, to.channel, to.to, to.cancelledBecause ?? null],
    );
  }

  /**
   * Writes the message, or rewrites the one already kept under its dedupe key while it is still
   * queued (a moved booking's reminder: new time, new text). A message already sent, failed or
   * cancelled is left as it is, so nothing is sent twice.
   */
  async upsert(m: EntityManager, msg: OutgoingMessage): Promise<void> {
    await m.query(
      `INSERT INTO messages (dedupe_key, patient_id, session_id, consultation_id, channel, "to", template, subject, body_text, body_html,
                             send_at, state, last_error)
       VALUES ($1, $2, $3, $12, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11::text IS NULL THEN 'queued' ELSE 'cancelled' END, $11)
       ON CONFLICT (dedupe_key) DO UPDATE
         SET channel = excluded.channel, "to" = excluded."to", subject = excluded.subject, body_text = excluded.body_text,
             body_html = excluded.body_html, send_at = excluded.send_at, state = excluded.state, last_error = excluded.last_error,
             version = messages.version + 1, updated_at = now()
       WHERE messages.state = 'queued'`,
      [
        msg.dedupeKey,
        msg.patientId,
        msg.sessionId,
        msg.channel,
        msg.to,
        msg.template,
        msg.subject,
        msg.text,
        msg.html,
        msg.sendAt,
        msg.cancelledBecause ?? null,
        msg.consultationId ?? null,
      ],
    );
  }

  async insertPast(m: EntityManager, msg: PastMessage): Promise<void> {
    await m.query(
      `INSERT INTO messages (dedupe_key, patient_id, session_id, consultation_id, channel, "to", template, subject, body_text, body_html,
                             send_at, state, sent_at, attempts, last_error, created_at, updated_at)
       VALUES ($1, $2, $3, $16, $4, $5, $6, $7, $8, $9, $10, $11, $12::timestamptz, $13, $14, $15::timestamptz,
               coalesce($12::timestamptz, $15::timestamptz))`,
      [
        msg.dedupeKey,
        msg.patientId,
        msg.sessionId,
        msg.channel,
        msg.to,
        msg.template,
        msg.subject,
        msg.text,
        msg.html,
        msg.sendAt,
        msg.state,
        msg.sentAt,
        msg.attempts,
        msg.lastError,
        msg.createdAt,
        msg.consultationId ?? null,
      ],
    );
  }

  /** Cancels the queued reminders of a session, or of a course's sessions (cancelled, missed, taken place, course closed). */
  async cancelReminders(m: EntityManager, where: { sessionId?: string; courseId?: string }, reason: string): Promise<void> {
    await m.query(
      `UPDATE messages SET state = 'cancelled', last_error = $3, version = version + 1, updated_at = now()
        WHERE state = 'queued' AND template = 'session_reminder'
          AND session_id IN (SELECT id FROM sessions WHERE id = $1 OR course_id = $2)`,
      [where.sessionId ?? null, where.courseId ?? null, reason],
    );
  }

  /** Stops the queued recalls of a course (completed, closed, or followed by a later completed session). */
  async cancelRecalls(m: EntityManager, courseId: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE messages SET state = 'cancelled', last_error = $2, version = version + 1, updated_at = now()
        WHERE state = 'queued' AND template IN ('recall_open', 'recall_closing')
          AND session_id IN (SELECT id FROM sessions WHERE course_id = $1)`,
      [courseId, reason],
    );
  }

  /** Cancels a consultation's queued reminder. */
  async cancelConsultationReminder(m: EntityManager, consultationId: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE messages SET state = 'cancelled', last_error = $2, version = version + 1, updated_at = now()
        WHERE state = 'queued' AND template = 'consultation_reminder' AND consultation_id = $1`,
      [consultationId, reason],
    );
  }

  async find(m: EntityManager, id: string): Promise<Message | null> {
    const [row] = await m.query(`${SELECT} WHERE m.id = $1`, [id]);
    return row ? toMessage(row) : null;
  }

  async lockState(m: EntityManager, id: string): Promise<{ state: MessageState; patient_id: string } | null> {
    const [row] = await m.query(`SELECT state, patient_id FROM messages WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  /** Latest due first, so the outbox opens on what is about to go and what just went. */
  async list(
    m: EntityManager,
    filter: { state?: MessageState; patientId?: string },
    limit: number,
    offset: number,
  ): Promise<{ items: Message[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR m.state = $1) AND ($2::uuid IS NULL OR m.patient_id = $2)`;
    const params = [filter.state ?? null, filter.patientId ?? null];
    const [{ total }] = await m.query(`SELECT count(*)::int AS total FROM messages m ${where}`, params);
    const rows: MessageRow[] = await m.query(`${SELECT} ${where} ORDER BY m.send_at DESC, m.id LIMIT $3 OFFSET $4`, [
      ...params,
      limit,
      offset,
    ]);
    return { items: rows.map(toMessage), total };
  }

  /** A failed message back in the queue, due now, with its attempts counted afresh. */
  async requeue(m: EntityManager, id: string, now: Date): Promise<void> {
    await m.query(
      `UPDATE messages SET state = 'queued', send_at = $2, attempts = 0, last_error = NULL, claimed_until = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, now],
    );
  }

  /**
   * Claims the next due message for `leaseMs`: one statement sets its lease, and every other
   * sender skips a message that is locked (`SKIP LOCKED`) or leased, so two senders never hold one.
   * The message is sent after this commits; `markSent` / `markFailed` end the lease.
   */
  async claimDue(m: EntityManager, now: Date, leaseMs: number): Promise<ClaimedMessage | null> {
    const [rows] = await m.query(
      `UPDATE messages SET claimed_until = $2
        WHERE id = (SELECT id FROM messages
                     WHERE state = 'queued' AND send_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
                     ORDER BY send_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, channel, "to", subject, body_text, body_html, attempts`,
      [now, new Date(now.getTime() + leaseMs)],
    );
    return rows[0] ?? null;
  }

  /**
   * Cancels, just before sending, what should no longer go: reminders of sessions and
   * consultations that are no longer booked (a safety net behind the explicit cancellations), and
   * the due recalls whose course has its next session booked or has ended. Whether a recall is
   * wanted is decided now, when it is due, not when it was written: a booking cancelled in the
   * meantime makes it wanted again.
   */
  async cancelStale(m: EntityManager, now: Date, reasons: StaleReasons): Promise<void> {
    await m.query(
      `UPDATE messages msg SET state = 'cancelled', last_error = $1, version = msg.version + 1, updated_at = now()
         FROM sessions s
        WHERE msg.session_id = s.id AND msg.template = 'session_reminder' AND msg.state = 'queued' AND s.status <> 'scheduled'`,
      [reasons.sessionNotBooked],
    );
    await m.query(
      `UPDATE messages msg SET state = 'cancelled', last_error = $1, version = msg.version + 1, updated_at = now()
         FROM consultations c
        WHERE msg.consultation_id = c.id AND msg.template = 'consultation_reminder' AND msg.state = 'queued'
          AND c.status NOT IN ('awaiting_deposit', 'booked')`,
      [reasons.consultationNotBooked],
    );
    await m.query(
      `UPDATE messages msg
          SET state = 'cancelled', version = msg.version + 1, updated_at = now(),
              last_error = CASE WHEN c.status <> 'active' THEN $2 ELSE $3 END
         FROM sessions s JOIN courses c ON c.id = s.course_id
        WHERE msg.session_id = s.id AND msg.template IN ('recall_open', 'recall_closing') AND msg.state = 'queued' AND msg.send_at <= $1
          AND (c.status <> 'active' OR EXISTS (SELECT 1 FROM sessions x WHERE x.course_id = c.id AND x.status = 'scheduled'))`,
      [now, reasons.courseEnded, reasons.nextBooked],
    );
  }

  async markSent(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE messages SET state = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL, claimed_until = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, at],
    );
  }

  /** A failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is null. */
  async markFailed(m: EntityManager, id: string, error: string, retryAt: Date | null): Promise<void> {
    await m.query(
      `UPDATE messages SET attempts = attempts + 1, last_error = $2, state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
              send_at = coalesce($3, send_at), claimed_until = NULL, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, error.slice(0, 1000), retryAt],
    );
  }
}
