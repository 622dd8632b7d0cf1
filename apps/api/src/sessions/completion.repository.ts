import { Injectable } from '@nestjs/common';
import type {
  Checklist,
  ClinicIdentity,
  ConfirmationInput,
  CourseStatus,
  IsoDate,
  Leg,
  MessageTemplate,
  MessageWords,
  SclerosantAgent,
  SclerosantForm,
  SessionStatus,
} from '@venule/api-contract';
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
import { IDENTITY_SQL, identityOf } from '../settings/settings.repository';
import { COMPLETION_COUNTS, sessionSelect, toCompletionCounts, type CompletionCounts, type SessionRow } from './sessions.repository';

/** The templates of the messages a completion writes. */
const COMPLETION_TEMPLATES: MessageTemplate[] = ['aftercare', 'recall_open', 'recall_closing'];

/** What completing a session is judged and answered on, read after its locks. */
export interface CompletionGrounds {
  session: { status: SessionStatus; scheduledFor: Date; sequence: number };
  /** The treatment time as the database stores it (the aftercare plan is dated from it). */
  treatedAt: Date;
  course: { legs: Leg[]; status: CourseStatus; plannedSessions: number };
  /** The course's sessions completed, this one aside. */
  completedBefore: number;
  policy: ClinicalPolicy;
  /** Null when there is no such patient. */
  patient: ClearanceFacts | null;
  treatments: LegTreatment[];
  counts: CompletionCounts;
  /** The patient's booked sessions in every course, by time, with their course's legs. */
  booked: { id: string; courseId: string; sequence: number; scheduledFor: Date; legs: Leg[] }[];
  recipient: Recipient | null;
  clinic: ClinicIdentity;
  words: Partial<Record<MessageTemplate, MessageWords | null>>;
}

/** The detail a completion stores on the session. */
export interface CompletionRecord {
  at: string;
  treatedAt: string;
  on: IsoDate;
  by: string;
  legs: Leg[];
  areas: string[];
  agent: SclerosantAgent;
  product: string | null;
  batchNumber: string;
  concentrationPercent: number;
  form: SclerosantForm;
  volumeMl: number;
  injections: number;
  doseMg: number;
  compressionMmHg: number | null;
  compressionHours: number | null;
  checklist: Checklist;
  confirmations: ConfirmationInput[];
  immediateReactions: string | null;
}

/** Everything completing a session writes, in one statement. */
export interface CompletionWrite {
  sessionId: string;
  courseId: string;
  record: CompletionRecord;
  audit: AuditRow[];
  /** The session's queued reminder is cancelled with this reason. */
  reminderCancelled: string;
  /** Set when the course completes: its other bookings are cancelled with `reason`, their reminders with `remindersCancelled`. */
  courseCompleted: { reason: string; remindersCancelled: string } | null;
  /** The course's queued recalls are cancelled with this reason. */
  recallsCancelled: string;
  aftercare: OutgoingMessage[];
  /**
   * Written unless a message is already kept under their dedupe key. Such a message is a recall of
   * this course, so it is cancelled by this statement if it was still queued: `upsert`, which only
   * rewrites a queued message, would have left it as it was too.
   */
  recalls: OutgoingMessage[];
}

/**
 * Completing a session in three statements between BEGIN and COMMIT: take the locks, read every
 * fact, write everything. The rules decide in between, in the service.
 */
@Injectable()
export class CompletionRepository {
  /**
   * Locks the session in the documented order, patient, then course, then session (booking takes
   * the first two in the same order, so a booking and a completion never interleave): each lock
   * is taken on a row joined to the previous lock's, so it cannot be taken before it. Null when
   * there is no such session.
   */
  async lock(m: EntityManager, sessionId: string): Promise<{ courseId: string; patientId: string } | null> {
    const [row] = await m.query(
      `WITH target AS (
         SELECT s.id, s.course_id, c.patient_id FROM sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1
       ), patient AS MATERIALIZED (
         SELECT p.id FROM patients p JOIN target t ON t.patient_id = p.id FOR NO KEY UPDATE OF p
       ), course AS MATERIALIZED (
         SELECT c.id FROM courses c JOIN target t ON t.course_id = c.id JOIN patient ON true FOR UPDATE OF c
       )
       SELECT t.course_id, t.patient_id FROM sessions s JOIN target t ON t.id = s.id JOIN course ON true FOR UPDATE OF s`,
      [sessionId],
    );
    return row ? { courseId: row.course_id, patientId: row.patient_id } : null;
  }

  /**
   * Every fact of the completion in one statement, taken after `lock` returned: in READ COMMITTED
   * each statement reads a snapshot taken when it starts, so facts read by the statement that
   * waited for a lock could miss what the holder of the lock committed.
   */
  async facts(
    m: EntityManager,
    q: { sessionId: string; courseId: string; patientId: string; on: IsoDate; treatedAt: string },
  ): Promise<CompletionGrounds> {
    // $1 to $5 as COMPLETION_COUNTS names them.
    const [r] = await m.query(
      `SELECT s.status, s.scheduled_for, s.sequence, $4::timestamptz AS treated_at,
              c.legs, c.status AS course_status, c.planned_sessions,
              (SELECT count(*)::int FROM sessions WHERE course_id = $1 AND status = 'completed' AND id <> $5) AS completed_before,
              ${POLICY_JSON} AS policy,
              ${clearanceFactsJson('$2')} AS clearance,
              ${legTreatmentsJson('$2')} AS treatments,
              (SELECT to_json(f) FROM (${COMPLETION_COUNTS}) f) AS counts,
              (SELECT coalesce(json_agg(b ORDER BY b.scheduled_for), '[]')
                 FROM (SELECT x.id, x.course_id, x.sequence, x.scheduled_for, y.legs
                         FROM sessions x JOIN courses y ON y.id = x.course_id
                        WHERE y.patient_id = $2 AND x.status = 'scheduled') b) AS booked,
              (SELECT to_json(r) FROM (${recipientSql('$2')}) r) AS recipient,
              (SELECT to_json(i) FROM (${IDENTITY_SQL}) i) AS clinic,
              (SELECT json_object_agg(t.template, t) FROM message_templates t WHERE t.template = ANY($6::text[])) AS templates
         FROM sessions s JOIN courses c ON c.id = s.course_id
        WHERE s.id = $5`,
      [q.courseId, q.patientId, q.on, q.treatedAt, q.sessionId, COMPLETION_TEMPLATES],
    );
    const templates: Record<string, { subject: string | null; body_text: string | null; body_html: string | null }> = r.templates ?? {};
    return {
      session: { status: r.status, scheduledFor: r.scheduled_for, sequence: r.sequence },
      treatedAt: r.treated_at,
      course: { legs: r.legs, status: r.course_status, plannedSessions: r.planned_sessions },
      completedBefore: r.completed_before,
      policy: policyOf(r.policy),
      patient: clearanceFactsOf(r.clearance),
      treatments: legTreatmentsOf(r.treatments),
      counts: toCompletionCounts(r.counts),
      booked: (r.booked as { id: string; course_id: string; sequence: number; scheduled_for: string; legs: Leg[] }[]).map((b) => ({
        id: b.id,
        courseId: b.course_id,
        sequence: b.sequence,
        scheduledFor: new Date(b.scheduled_for),
        legs: b.legs,
      })),
      recipient: r.recipient,
      clinic: identityOf(r.clinic),
      words: Object.fromEntries(Object.entries(templates).map(([template, row]) => [template, wordsOf(row)])),
    };
  }

  /**
   * Everything a completion writes, as data-modifying CTEs of one statement: the session's
   * detail, the audit rows, the session's reminder cancelled, the course completed with its other
   * bookings and their reminders cancelled, the course's recalls cancelled, the aftercare and the
   * new recalls. Every CTE reads the snapshot the statement started with, so none may touch a row
   * another one writes (PostgreSQL would apply only one of the two): the session itself is left
   * out of the course's bookings and their reminders. The completed session, as `find` reads it.
   */
  async write(m: EntityManager, w: CompletionWrite): Promise<SessionRow> {
    const c = w.record;
    const [row] = await m.query(
      `WITH completed AS (
         UPDATE sessions
            SET status = 'completed', completed_at = $2, treated_at = $20, completed_on = $3, completed_by = $4,
                status_changed_at = $2, status_changed_by = $4,
                legs = $5, areas = $6, agent = $7, product = $8, batch_number = $9, concentration_percent = $10,
                form = $11, volume_ml = $12, injections = $13, dose_mg = $14, compression_mmhg = $15,
                compression_hours = $16, checklist = $17, confirmations = $18, immediate_reactions = $19,
                version = version + 1, updated_at = now()
          WHERE id = $1
         RETURNING *
       ), audit AS (
         ${insertAuditSql('$21')}
       ), reminder AS (
         UPDATE messages SET state = 'cancelled', last_error = $22, version = version + 1, updated_at = now()
          WHERE state = 'queued' AND template = 'session_reminder' AND session_id = $1
       ), course AS (
         UPDATE courses SET status = 'completed', closed_at = $2, closed_by = $4, version = version + 1, updated_at = now()
          WHERE id = $23 AND $24::text IS NOT NULL
       ), bookings AS (
         UPDATE sessions
            SET status = 'cancelled', status_changed_at = now(), status_changed_by = $4, status_reason = $24,
                version = version + 1, updated_at = now()
          WHERE course_id = $23 AND status = 'scheduled' AND id <> $1 AND $24::text IS NOT NULL
       ), their_reminders AS (
         UPDATE messages SET state = 'cancelled', last_error = $25, version = version + 1, updated_at = now()
          WHERE state = 'queued' AND template = 'session_reminder' AND $24::text IS NOT NULL
            AND session_id IN (SELECT id FROM sessions WHERE course_id = $23 AND id <> $1)
       ), recalls AS (
         UPDATE messages SET state = 'cancelled', last_error = $26, version = version + 1, updated_at = now()
          WHERE state = 'queued' AND template IN ('recall_open', 'recall_closing')
            AND session_id IN (SELECT id FROM sessions WHERE course_id = $23)
       ), aftercare AS (${insertMessagesSql('$27', 'rewrite')}
       ), new_recalls AS (${insertMessagesSql('$28', 'keep')}
       )
       ${sessionSelect('completed')}`,
      [
        w.sessionId,
        c.at,
        c.on,
        c.by,
        c.legs,
        c.areas,
        c.agent,
        c.product,
        c.batchNumber,
        c.concentrationPercent,
        c.form,
        c.volumeMl,
        c.injections,
        c.doseMg,
        c.compressionMmHg,
        c.compressionHours,
        JSON.stringify(c.checklist),
        JSON.stringify(c.confirmations),
        c.immediateReactions,
        c.treatedAt,
        auditRecordset(w.audit),
        w.reminderCancelled,
        w.courseId,
        w.courseCompleted?.reason ?? null,
        w.courseCompleted?.remindersCancelled ?? null,
        w.recallsCancelled,
        messageRecordset(w.aftercare),
        messageRecordset(w.recalls),
      ],
    );
    return row;
  }
}
