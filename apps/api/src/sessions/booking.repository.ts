import { Injectable } from '@nestjs/common';
import type { ClinicIdentity, MessageWords } from '@venule/api-contract';
import type { ClearanceFacts, ClinicalPolicy, LegTreatment } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import {
  POLICY_JSON,
  clearanceFactsJson,
  clearanceFactsOf,
  legTreatmentsJson,
  legTreatmentsOf,
  policyOf,
} from '../clearance/clinical-facts.repository';
import { wordsOf } from '../messages/message-templates.repository';
import { insertMessagesSql, messageRecordset, recipientSql, type OutgoingMessage, type Recipient } from '../messages/messages.repository';
import { auditRecordset, insertAuditSql, type AuditRow } from '../platform/audit/audit-recording.repository';
import { IDENTITY_SQL, bookingHoursOf, bookingHoursSql, identityOf, type BookingHoursSettings } from '../settings/settings.repository';
import { sessionSelect, type BookingCounts, type LockedCourse, type SessionRow } from './sessions.repository';

/** Every fact the booking rules, the reminder and the opening-hours warnings read, as of after the locks. */
export interface BookingFacts {
  policy: ClinicalPolicy;
  counts: BookingCounts;
  treatments: LegTreatment[];
  clearance: ClearanceFacts;
  /** The consultation named by the booking when it is the patient's, with its clinician (null when it had none). */
  consultation: { clinicianId: string | null } | null;
  /** Whether the clinician booked (the one named, else the consultation's) is an active clinician. */
  clinicianActive: boolean;
  hours: BookingHoursSettings;
  clinic: ClinicIdentity;
  recipient: Recipient;
  /** The clinic's words for the session reminder (null: the built-in ones). */
  reminderWords: MessageWords | null;
}

/** A session to book; its id is chosen by the caller so the audit row and the reminder can name it in the same statement. */
export interface NewSession {
  id: string;
  courseId: string;
  sequence: number;
  scheduledFor: string;
  minutes: number;
  clinicianId: string | null;
  bookedBy: string;
}

/**
 * Booking a session in three statements: the locks, the facts, the write (SessionsService.book).
 * The facts come from the SQL pieces their own repositories use, so they read exactly as there.
 */
@Injectable()
export class BookingRepository {
  /**
   * Locks the course's patient, then the course (the lock order everywhere: patient, course,
   * session), and answers the course as it is once locked; null when there is no such course.
   * One statement: the patient's lock is taken in a materialized CTE, which the join must read
   * before it has a course row to lock, so the patient is always locked first. The course row
   * answered is the latest committed (a row lock rereads a row changed while it waited).
   */
  async lock(m: EntityManager, courseId: string): Promise<LockedCourse | null> {
    const [row] = await m.query(
      `WITH patient AS MATERIALIZED (
         SELECT id FROM patients WHERE id = (SELECT patient_id FROM courses WHERE id = $1) FOR NO KEY UPDATE)
       SELECT c.id, c.patient_id, c.legs, c.status, c.planned_sessions
         FROM courses c JOIN patient p ON p.id = c.patient_id
        WHERE c.id = $1
          FOR UPDATE OF c`,
      [courseId],
    );
    return row ?? null;
  }

  /**
   * Every fact of a booking in one statement; null when the patient does not exist. Called after
   * `lock`, in a statement of its own: in READ COMMITTED a statement sees what was committed when
   * it started, so facts read by the statement that waited for the locks would miss what the
   * holder of the locks (a completion, another booking) committed meanwhile.
   */
  async facts(
    m: EntityManager,
    q: { patientId: string; courseId: string; clinicianId: string | null; consultationId: string | null },
  ): Promise<BookingFacts | null> {
    const [row] = await m.query(
      `SELECT ${clearanceFactsJson('$1::uuid')} AS clearance,
              ${legTreatmentsJson('$1::uuid')} AS treatments,
              ${POLICY_JSON} AS policy,
              (SELECT to_json(x) FROM (
                 SELECT max(completed_on)::text AS last_completed_on,
                        count(*) FILTER (WHERE status = 'completed')::int AS completed,
                        count(*) FILTER (WHERE status = 'scheduled')::int AS booked,
                        coalesce(max(sequence) FILTER (WHERE status IN ('scheduled', 'completed')), 0) + 1 AS next_sequence
                   FROM sessions WHERE course_id = $2) x) AS counts,
              (SELECT to_json(x) FROM (${IDENTITY_SQL}) x) AS clinic,
              (SELECT to_json(x) FROM (${recipientSql('$1::uuid')}) x) AS recipient,
              (SELECT to_json(x) FROM (SELECT subject, body_text, body_html FROM message_templates WHERE template = 'session_reminder') x)
                AS reminder_words,
              (SELECT to_json(x) FROM (${bookingHoursSql('coalesce($3::uuid, k.clinician_id)')}) x) AS hours,
              k.id IS NOT NULL AS consultation_found, k.clinician_id AS consultation_clinician_id,
              EXISTS (SELECT 1 FROM users WHERE id = coalesce($3::uuid, k.clinician_id) AND role = 'clinician' AND active) AS clinician_active
         FROM (SELECT 1) one
         LEFT JOIN consultations k ON k.id = $4::uuid AND k.patient_id = $1::uuid`,
      [q.patientId, q.courseId, q.clinicianId, q.consultationId],
    );
    const clearance = clearanceFactsOf(row.clearance);
    if (!clearance || !row.recipient) return null;
    const { counts } = row;
    return {
      policy: policyOf(row.policy),
      counts: {
        lastCompletedOn: counts.last_completed_on,
        completed: counts.completed,
        booked: counts.booked,
        nextSequence: counts.next_sequence,
      },
      treatments: legTreatmentsOf(row.treatments),
      clearance,
      consultation: row.consultation_found ? { clinicianId: row.consultation_clinician_id } : null,
      clinicianActive: row.clinician_active,
      hours: bookingHoursOf(row.hours),
      clinic: identityOf(row.clinic),
      recipient: row.recipient,
      reminderWords: row.reminder_words ? wordsOf(row.reminder_words) : null,
    };
  }

  /**
   * Books the session, its audit row and its reminder in one statement, and answers the session
   * row. The clinician's diary constraint raises PostgreSQL's exclusion_violation on a clash.
   */
  async write(m: EntityManager, w: { session: NewSession; audit: AuditRow; reminder: OutgoingMessage }): Promise<SessionRow> {
    const s = w.session;
    const [row] = await m.query(
      `WITH booked AS (
         INSERT INTO sessions (id, course_id, sequence, scheduled_for, ends_at, clinician_id, booked_by)
         VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(mins => $5), $6, $7)
         RETURNING *),
       audit AS (${insertAuditSql('$8')}),
       reminder AS (${insertMessagesSql('$9', 'rewrite')})
       ${sessionSelect('booked')}`,
      [
        s.id,
        s.courseId,
        s.sequence,
        s.scheduledFor,
        s.minutes,
        s.clinicianId,
        s.bookedBy,
        auditRecordset([w.audit]),
        messageRecordset([w.reminder]),
      ],
    );
    return row;
  }
}
