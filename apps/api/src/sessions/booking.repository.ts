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
import {
  raiseSessionWritesSql,
  sessionSelect,
  sessionWritesSql,
  type BookingCounts,
  type LockedCourse,
  type SessionRow,
} from './sessions.repository';
import { queryPrepared } from '../platform/database/prepared';

/** Every fact the booking rules, the reminder and the opening-hours warnings read, in one snapshot. */
export interface BookingFacts {
  course: LockedCourse;
  /** What the write checks is unchanged: the patient's count of session writes and the course's version. */
  guard: BookingGuard;
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

/** The versions a booking's facts were read at. */
export interface BookingGuard {
  patientId: string;
  sessionsVersion: number;
  courseVersion: number;
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
 * Booking a session in two statements and no transaction (SessionsService.book): every fact, read
 * in one snapshot, then the write, which goes ahead only if nothing the facts depend on was
 * written in between (optimistic: see `write`). The facts come from the SQL pieces their own
 * repositories use, so they read exactly as there.
 */
@Injectable()
export class BookingRepository {
  /**
   * Every fact of a booking of the course in one statement; null when there is no such course.
   * The outer row is `bc`, as the SQL pieces read inside have a `c` of their own.
   */
  async facts(
    m: EntityManager,
    q: { courseId: string; clinicianId: string | null; consultationId: string | null },
  ): Promise<BookingFacts | null> {
    const [row] = await queryPrepared(
      m,
      `SELECT bc.id, bc.patient_id, bc.legs, bc.status, bc.planned_sessions, bc.version AS course_version,
              ${sessionWritesSql('bc.patient_id')} AS sessions_version,
              ${clearanceFactsJson('bc.patient_id')} AS clearance,
              ${legTreatmentsJson('bc.patient_id')} AS treatments,
              ${POLICY_JSON} AS policy,
              (SELECT to_json(x) FROM (
                 SELECT max(completed_on)::text AS last_completed_on,
                        count(*) FILTER (WHERE status = 'completed')::int AS completed,
                        count(*) FILTER (WHERE status = 'scheduled')::int AS booked,
                        coalesce(max(sequence) FILTER (WHERE status IN ('scheduled', 'completed')), 0) + 1 AS next_sequence
                   FROM sessions WHERE course_id = bc.id) x) AS counts,
              (SELECT to_json(x) FROM (${IDENTITY_SQL}) x) AS clinic,
              (SELECT to_json(x) FROM (${recipientSql('bc.patient_id')}) x) AS recipient,
              (SELECT to_json(x) FROM (SELECT subject, body_text, body_html FROM message_templates WHERE template = 'session_reminder') x)
                AS reminder_words,
              (SELECT to_json(x) FROM (${bookingHoursSql('coalesce($2::uuid, k.clinician_id)')}) x) AS hours,
              k.id IS NOT NULL AS consultation_found, k.clinician_id AS consultation_clinician_id,
              EXISTS (SELECT 1 FROM users WHERE id = coalesce($2::uuid, k.clinician_id) AND role = 'clinician' AND active) AS clinician_active
         FROM courses bc
         LEFT JOIN consultations k ON k.id = $3::uuid AND k.patient_id = bc.patient_id
        WHERE bc.id = $1`,
      [q.courseId, q.clinicianId, q.consultationId],
    );
    if (!row) return null;
    const clearance = clearanceFactsOf(row.clearance);
    if (!clearance || !row.recipient) return null;
    const { counts } = row;
    return {
      course: { id: row.id, patient_id: row.patient_id, legs: row.legs, status: row.status, planned_sessions: row.planned_sessions },
      guard: { patientId: row.patient_id, sessionsVersion: row.sessions_version, courseVersion: row.course_version },
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
   * row; null, with nothing written, when the patient's sessions or the course changed since the
   * facts were read (the caller reads them again). The guard raises the patient's count of
   * session writes only if it is still the one read (`raiseSessionWritesSql`: a writer in flight
   * is waited for, then seen), then locks the course at the version read: the lock order every
   * writer of sessions keeps. The clinician's diary constraint raises PostgreSQL's
   * exclusion_violation on a clash.
   */
  async write(
    m: EntityManager,
    w: { session: NewSession; guard: BookingGuard; audit: AuditRow; reminder: OutgoingMessage },
  ): Promise<SessionRow | null> {
    const s = w.session;
    const [row] = await queryPrepared(
      m,
      `WITH guard AS MATERIALIZED (
         ${raiseSessionWritesSql('$10::uuid', '$11')}
       ), course AS MATERIALIZED (
         SELECT c.id FROM courses c JOIN guard g ON g.id = c.patient_id WHERE c.id = $2 AND c.version = $12 FOR UPDATE OF c
       ), booked AS (
         INSERT INTO sessions (id, course_id, sequence, scheduled_for, ends_at, clinician_id, booked_by)
         SELECT $1, course.id, $3, $4::timestamptz, $4::timestamptz + make_interval(mins => $5), $6, $7 FROM course
         RETURNING *),
       audit AS (${insertAuditSql('(CASE WHEN EXISTS (SELECT 1 FROM course) THEN $8 END)')}),
       reminder AS (${insertMessagesSql('(CASE WHEN EXISTS (SELECT 1 FROM course) THEN $9 END)', 'rewrite')})
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
        w.guard.patientId,
        w.guard.sessionsVersion,
        w.guard.courseVersion,
      ],
    );
    return row ?? null;
  }
}
