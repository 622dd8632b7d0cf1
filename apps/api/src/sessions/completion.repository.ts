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
import {
  completionCountsSql,
  raiseSessionWritesSql,
  sessionSelect,
  sessionWritesSql,
  toCompletionCounts,
  type CompletionCounts,
  type SessionRow,
} from './sessions.repository';
import { queryPrepared } from '../platform/database/prepared';

/** The templates of the messages a completion writes. */
const COMPLETION_TEMPLATES: MessageTemplate[] = ['aftercare', 'recall_open', 'recall_closing'];

/** What completing a session is judged and answered on, read in one snapshot. */
export interface CompletionGrounds {
  session: { status: SessionStatus; scheduledFor: Date; sequence: number };
  courseId: string;
  patientId: string;
  /** What the write checks is unchanged since these facts were read. */
  guard: CompletionGuard;
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

/** The versions a completion's facts were read at. */
export interface CompletionGuard {
  patientId: string;
  sessionsVersion: number;
  courseVersion: number;
  sessionVersion: number;
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
  guard: CompletionGuard;
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
 * Completing a session in two statements and no transaction: read every fact in one snapshot,
 * then write everything, only if nothing the facts depend on was written in between (see
 * `write`). The rules decide in between, in the service.
 */
@Injectable()
export class CompletionRepository {
  /**
   * Every fact of the completion in one statement; null when there is no such session. The outer
   * rows are `cs` and `cc`, as the SQL pieces read inside have an `s` and a `c` of their own.
   */
  async facts(m: EntityManager, q: { sessionId: string; on: IsoDate; treatedAt: string }): Promise<CompletionGrounds | null> {
    const [r] = await queryPrepared(
      m,
      `SELECT cs.status, cs.scheduled_for, cs.sequence, cs.version AS session_version, $3::timestamptz AS treated_at,
              cs.course_id, cc.patient_id, cc.legs, cc.status AS course_status, cc.planned_sessions, cc.version AS course_version,
              ${sessionWritesSql('cc.patient_id')} AS sessions_version,
              (SELECT count(*)::int FROM sessions WHERE course_id = cs.course_id AND status = 'completed' AND id <> cs.id) AS completed_before,
              ${POLICY_JSON} AS policy,
              ${clearanceFactsJson('cc.patient_id')} AS clearance,
              ${legTreatmentsJson('cc.patient_id')} AS treatments,
              (SELECT to_json(f) FROM (${completionCountsSql({ course: 'cs.course_id', patient: 'cc.patient_id', on: '$2', treatedAt: '$3', session: 'cs.id' })}) f) AS counts,
              (SELECT coalesce(json_agg(b ORDER BY b.scheduled_for), '[]')
                 FROM (SELECT x.id, x.course_id, x.sequence, x.scheduled_for, y.legs
                         FROM sessions x JOIN courses y ON y.id = x.course_id
                        WHERE y.patient_id = cc.patient_id AND x.status = 'scheduled') b) AS booked,
              (SELECT to_json(r) FROM (${recipientSql('cc.patient_id')}) r) AS recipient,
              (SELECT to_json(i) FROM (${IDENTITY_SQL}) i) AS clinic,
              (SELECT json_object_agg(t.template, t) FROM message_templates t WHERE t.template = ANY($4::text[])) AS templates
         FROM sessions cs JOIN courses cc ON cc.id = cs.course_id
        WHERE cs.id = $1`,
      [q.sessionId, q.on, q.treatedAt, COMPLETION_TEMPLATES],
    );
    if (!r) return null;
    const templates: Record<string, { subject: string | null; body_text: string | null; body_html: string | null }> = r.templates ?? {};
    return {
      session: { status: r.status, scheduledFor: r.scheduled_for, sequence: r.sequence },
      courseId: r.course_id,
      patientId: r.patient_id,
      guard: {
        patientId: r.patient_id,
        sessionsVersion: r.sessions_version,
        courseVersion: r.course_version,
        sessionVersion: r.session_version,
      },
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
   * out of the course's bookings and their reminders. The completed session, as `find` reads it;
   * null, with nothing written, when anything the facts were read at changed since.
   *
   * The guard comes first and everything else waits for it: the patient's count of session
   * writes is raised only if it is still the one read (`raiseSessionWritesSql`), then the course
   * is locked at the version read, then the session is written at the version read. That is the
   * lock order every writer of sessions keeps (patient, course, session), and each later CTE
   * starts only once the session is written (a one-time EXISTS on `completed`).
   */
  async write(m: EntityManager, w: CompletionWrite): Promise<SessionRow | null> {
    const c = w.record;
    const [row] = await queryPrepared(
      m,
      `WITH guard AS (
         ${raiseSessionWritesSql('$29::uuid', '$30')}
       ), course_now AS MATERIALIZED (
         SELECT c.id FROM courses c JOIN guard g ON g.id = c.patient_id WHERE c.id = $23 AND c.version = $31 FOR UPDATE OF c
       ), completed AS (
         UPDATE sessions
            SET status = 'completed', completed_at = $2, treated_at = $20, completed_on = $3, completed_by = $4,
                status_changed_at = $2, status_changed_by = $4,
                legs = $5, areas = $6, agent = $7, product = $8, batch_number = $9, concentration_percent = $10,
                form = $11, volume_ml = $12, injections = $13, dose_mg = $14, compression_mmhg = $15,
                compression_hours = $16, checklist = $17, confirmations = $18, immediate_reactions = $19,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $32 AND EXISTS (SELECT 1 FROM course_now)
         RETURNING *
       ), audit AS (
         ${insertAuditSql('(CASE WHEN EXISTS (SELECT 1 FROM completed) THEN $21 END)')}
       ), reminder AS (
         UPDATE messages SET state = 'cancelled', last_error = $22, version = version + 1, updated_at = now()
          WHERE state = 'queued' AND template = 'session_reminder' AND session_id = $1 AND EXISTS (SELECT 1 FROM completed)
       ), course AS (
         UPDATE courses SET status = 'completed', closed_at = $2, closed_by = $4, version = version + 1, updated_at = now()
          WHERE id = $23 AND $24::text IS NOT NULL AND EXISTS (SELECT 1 FROM completed)
       ), bookings AS (
         UPDATE sessions
            SET status = 'cancelled', status_changed_at = now(), status_changed_by = $4, status_reason = $24,
                version = version + 1, updated_at = now()
          WHERE course_id = $23 AND status = 'scheduled' AND id <> $1 AND $24::text IS NOT NULL AND EXISTS (SELECT 1 FROM completed)
       ), their_reminders AS (
         UPDATE messages SET state = 'cancelled', last_error = $25, version = version + 1, updated_at = now()
          WHERE state = 'queued' AND template = 'session_reminder' AND $24::text IS NOT NULL
            AND session_id IN (SELECT id FROM sessions WHERE course_id = $23 AND id <> $1) AND EXISTS (SELECT 1 FROM completed)
       ), recalls AS (
         UPDATE messages SET state = 'cancelled', last_error = $26, version = version + 1, updated_at = now()
          WHERE state = 'queued' AND template IN ('recall_open', 'recall_closing')
            AND session_id IN (SELECT id FROM sessions WHERE course_id = $23) AND EXISTS (SELECT 1 FROM completed)
       ), aftercare AS (${insertMessagesSql('(CASE WHEN EXISTS (SELECT 1 FROM completed) THEN $27 END)', 'rewrite')}
       ), new_recalls AS (${insertMessagesSql('(CASE WHEN EXISTS (SELECT 1 FROM completed) THEN $28 END)', 'keep')}
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
        w.guard.patientId,
        w.guard.sessionsVersion,
        w.guard.courseVersion,
        w.guard.sessionVersion,
      ],
    );
    return row ?? null;
  }
}
