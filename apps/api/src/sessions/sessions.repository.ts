import { Injectable } from '@nestjs/common';
import {
  can,
  type AdverseEvent,
  type Checklist,
  type ConfirmationInput,
  type CourseStatus,
  type IsoDate,
  type Leg,
  type Role,
  type SclerosantAgent,
  type SclerosantForm,
  type SessionBooking,
  type SessionDetail,
  type SessionStatus,
} from '@venule/api-contract';
import { clinicDate } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { AdverseEventsRepository } from '../adverse-events/adverse-events.repository';
import { dateOrNull, type JsonRow } from '../platform/database/json-rows';

export interface SessionRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  course_id: string;
  patient_id: string;
  course_status: string;
  sequence: number;
  scheduled_for: Date;
  ends_at: Date;
  clinician_id: string | null;
  clinician_name: string | null;
  status: SessionStatus;
  status_changed_at: Date | null;
  completed_at: Date | null;
  treated_at: Date | null;
  completed_on: string | null;
  completed_by: string | null;
  completed_by_name: string | null;
  legs: Leg[] | null;
  areas: string[] | null;
  agent: SclerosantAgent | null;
  product: string | null;
  batch_number: string | null;
  concentration_percent: number | null;
  form: SclerosantForm | null;
  volume_ml: number | null;
  injections: number | null;
  dose_mg: number | null;
  compression_mmhg: number | null;
  compression_hours: number | null;
  checklist: Checklist | null;
  confirmations: ConfirmationInput[] | null;
  immediate_reactions: string | null;
}

/** Session rows of `source` (the table, or the rows a data-modifying CTE returned) as `SessionRow`s. */
export const sessionSelect = (source: string) => `
  SELECT s.id, s.version, s.created_at, s.updated_at, s.course_id, c.patient_id, c.status AS course_status,
         s.sequence, s.scheduled_for, s.ends_at, s.clinician_id, u.display_name AS clinician_name, s.status,
         s.status_changed_at, s.completed_at, s.treated_at, s.completed_on::text AS completed_on, s.completed_by,
         t.display_name AS completed_by_name,
         s.legs, s.areas, s.agent, s.product, s.batch_number, s.concentration_percent::float8 AS concentration_percent,
         s.form, s.volume_ml::float8 AS volume_ml, s.injections, s.dose_mg::float8 AS dose_mg,
         s.compression_mmhg, s.compression_hours, s.checklist, s.confirmations, s.immediate_reactions
    FROM ${source} s
    JOIN courses c ON c.id = s.course_id
    LEFT JOIN users u ON u.id = s.clinician_id
    LEFT JOIN users t ON t.id = s.completed_by`;

const SESSION_SELECT = sessionSelect('sessions');

/** A session read inside JSON (`sessionSelect`): the row the driver gives for it. */
export const sessionRowOf = (j: JsonRow<SessionRow>): SessionRow => ({
  ...j,
  created_at: new Date(j.created_at),
  updated_at: new Date(j.updated_at),
  scheduled_for: new Date(j.scheduled_for),
  ends_at: new Date(j.ends_at),
  status_changed_at: dateOrNull(j.status_changed_at),
  completed_at: dateOrNull(j.completed_at),
  treated_at: dateOrNull(j.treated_at),
});

/** What a completion is judged on beyond the patient's clearance facts and leg treatments. */
export interface CompletionCounts {
  courseLastCompletedOn: IsoDate | null;
  /** Sessions of the patient completed (in any course) with a treatment time before this one's. */
  patientCompletedBefore: number;
  /** Polidocanol the patient was given on the treatment date in every course, in mg. */
  polidocanolMgSameDay: number;
  /** The course's consent that applies on the treatment date (else its latest). */
  consentedOn: IsoDate | null;
}

/** The patient's count of writes to its sessions, as of the statement's snapshot (0 before the first). */
export const sessionWritesSql = (patientId: string) => `coalesce((SELECT version FROM session_writes WHERE patient_id = ${patientId}), 0)`;

/**
 * Raises the patient's count of writes to its sessions (migration SessionWrites), answering the
 * patient's id: a statement, or a data-modifying WITH. With `expected`, only if the count is still
 * that; else it answers no row and writes nothing (an INSERT or an UPDATE waits for a writer
 * holding the row, then checks again on the row as that writer left it). Its row is the first
 * lock every writer of a patient's sessions takes.
 */
export const raiseSessionWritesSql = (patientId: string, expected?: string) => `
  INSERT INTO session_writes AS w (patient_id, version) VALUES (${patientId}, ${expected ? `${expected}::int + 1` : '1'})
  ON CONFLICT (patient_id) DO UPDATE SET version = w.version + 1${expected ? ` WHERE w.version = ${expected}::int` : ''}
  RETURNING w.patient_id AS id`;

/**
 * `completionCounts`' statement, also read inside completing's one statement of facts, from SQL
 * expressions for the course, the patient, the treatment date and time and the session (the
 * subqueries name their own rows `s` and `c`).
 */
export const completionCountsSql = (q: { course: string; patient: string; on: string; treatedAt: string; session: string }) => `SELECT
         (SELECT max(completed_on)::text FROM sessions WHERE course_id = ${q.course} AND status = 'completed') AS course_last_completed_on,
         (SELECT count(*)::int FROM sessions s JOIN courses c ON c.id = s.course_id
           WHERE c.patient_id = ${q.patient} AND s.status = 'completed' AND s.treated_at < ${q.treatedAt}::timestamptz) AS patient_completed,
         (SELECT coalesce(sum(s.dose_mg), 0)::float8 FROM sessions s JOIN courses c ON c.id = s.course_id
           WHERE c.patient_id = ${q.patient} AND s.status = 'completed' AND s.agent = 'polidocanol' AND s.completed_on = ${q.on}::date
             AND s.id <> ${q.session}) AS other_polidocanol_mg,
         (SELECT consented_on::text FROM consents WHERE course_id = ${q.course}
           ORDER BY consented_on <= ${q.on}::date DESC, consented_on DESC LIMIT 1) AS consented_on`;

export interface CompletionCountsRow {
  course_last_completed_on: IsoDate | null;
  patient_completed: number;
  other_polidocanol_mg: number;
  consented_on: IsoDate | null;
}

export const toCompletionCounts = (f: CompletionCountsRow): CompletionCounts => ({
  courseLastCompletedOn: f.course_last_completed_on,
  patientCompletedBefore: f.patient_completed,
  polidocanolMgSameDay: f.other_polidocanol_mg,
  consentedOn: f.consented_on,
});

/** A course as booking and completing read it, locked. */
export interface LockedCourse {
  id: string;
  patient_id: string;
  legs: Leg[];
  status: CourseStatus;
  planned_sessions: number;
}

/** What booking the next session of a course counts on. */
export interface BookingCounts {
  lastCompletedOn: IsoDate | null;
  completed: number;
  booked: number;
  nextSequence: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toBooking(r: SessionRow, timeZone: string): SessionBooking {
  const scheduledFor = r.scheduled_for.toISOString();
  return {
    id: r.id,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    courseId: r.course_id,
    patientId: r.patient_id,
    sequence: r.sequence,
    scheduledFor,
    endsAt: r.ends_at.toISOString(),
    scheduledOn: clinicDate(scheduledFor, timeZone),
    clinicianId: r.clinician_id,
    clinicianName: r.clinician_name,
    status: r.status,
    statusChangedAt: iso(r.status_changed_at),
    completedAt: iso(r.completed_at),
    treatedAt: iso(r.treated_at),
    completedOn: r.completed_on,
    completedByName: r.completed_by_name,
  };
}

export function toDetail(r: SessionRow, events: AdverseEvent[], timeZone: string): SessionDetail {
  const compression =
    r.compression_mmhg === null && r.compression_hours === null
      ? r.status === 'completed'
        ? {}
        : null
      : {
          ...(r.compression_mmhg !== null ? { mmHg: r.compression_mmhg } : {}),
          ...(r.compression_hours !== null ? { hours: r.compression_hours } : {}),
        };
  // Object.assign, not `{ ...toBooking(r), … }`: on Node 20's V8 each property added after a spread
  // takes a slow path (about 3 µs each, 50 µs for a session's detail, measured), where adding them to
  // the booking object costs well under a microsecond.
  return Object.assign(toBooking(r, timeZone), {
    completedBy: r.completed_by,
    legs: r.legs,
    areas: r.areas,
    agent: r.agent,
    product: r.product,
    batchNumber: r.batch_number,
    concentrationPercent: r.concentration_percent,
    form: r.form,
    volumeMl: r.volume_ml,
    injections: r.injections,
    doseMg: r.dose_mg,
    compression,
    checklist: r.checklist,
    confirmations: r.confirmations ?? [],
    immediateReactions: r.immediate_reactions,
    adverseEvents: events.filter((e) => e.sessionId === r.id),
  });
}

/** Session rows shaped for `role`: the booking for reception, the detail with its adverse events for clinical roles. */
export function shapeSessions(
  rows: SessionRow[],
  events: AdverseEvent[],
  role: Role,
  timeZone: string,
): (SessionBooking | SessionDetail)[] {
  return can(role, 'readClinical') ? rows.map((r) => toDetail(r, events, timeZone)) : rows.map((r) => toBooking(r, timeZone));
}

/** The course-state facts of sessions: completed ones on their treatment date, others on their booked date. */
export function sessionFacts(rows: SessionRow[], timeZone: string) {
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    date: r.status === 'completed' && r.completed_on ? r.completed_on : clinicDate(r.scheduled_for.toISOString(), timeZone),
  }));
}

/**
 * Treatment sessions: all the SQL of booking, completing, moving and closing them, and the one
 * mapping to the contract (reception gets the booking, clinicians and managers the detail too).
 */
/**
 * A session booked in the past (the demo clinic's) and what became of it: a completed one carries
 * the completion's fields, the others leave them out.
 */
export interface PastSessionRow {
  id: string;
  course_id: string;
  sequence: number;
  scheduled_for: string;
  ends_at: string;
  clinician_id: string;
  status: SessionStatus;
  booked_by: string;
  status_changed_at: string | null;
  status_changed_by: string | null;
  status_reason: string | null;
  created_at: string;
  completed_at?: string;
  treated_at?: string;
  completed_on?: IsoDate;
  completed_by?: string;
  legs?: Leg[];
  areas?: string[];
  agent?: SclerosantAgent;
  product?: string;
  batch_number?: string;
  concentration_percent?: number;
  form?: SclerosantForm;
  volume_ml?: number;
  injections?: number;
  dose_mg?: number;
  compression_mmhg?: number;
  compression_hours?: number;
  checklist?: Checklist;
  confirmations?: ConfirmationInput[];
  immediate_reactions?: string | null;
}

@Injectable()
export class SessionsRepository {
  constructor(private readonly adverseEvents: AdverseEventsRepository) {}

  async find(m: EntityManager, id: string): Promise<SessionRow | null> {
    const [row] = await m.query(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** Sessions of the given courses, by course and sequence (then booking time). */
  async ofCourses(m: EntityManager, courseIds: string[]): Promise<SessionRow[]> {
    if (courseIds.length === 0) return [];
    return m.query(
      `${SESSION_SELECT} WHERE s.course_id = ANY($1::uuid[]) ORDER BY s.course_id, s.sequence, s.scheduled_for, s.created_at`,
      [courseIds],
    );
  }

  /** Shapes session rows for `role`, loading adverse events in one query when the role sees them. */
  async shape(m: EntityManager, rows: SessionRow[], role: Role, timeZone: string): Promise<(SessionBooking | SessionDetail)[]> {
    if (!can(role, 'readClinical')) return rows.map((r) => toBooking(r, timeZone));
    const events = await this.adverseEvents.ofSessions(
      m,
      rows.filter((r) => r.status === 'completed').map((r) => r.id),
    );
    return shapeSessions(rows, events, role, timeZone);
  }

  /** The patient whose course it is; null when there is no such course. */
  async coursePatient(m: EntityManager, courseId: string): Promise<string | null> {
    const [row] = await m.query(`SELECT patient_id FROM courses WHERE id = $1`, [courseId]);
    return row?.patient_id ?? null;
  }

  /**
   * First in the lock order: the dose and the per-leg interval count every course of the patient.
   * Raising the patient's count of session writes locks its row, and makes a booking or a
   * completion whose facts were read before this write read them again.
   */
  async lockPatient(m: EntityManager, patientId: string): Promise<void> {
    await m.query(raiseSessionWritesSql('$1'), [patientId]);
  }

  async lockCourse(m: EntityManager, courseId: string): Promise<LockedCourse> {
    const [row] = await m.query(`SELECT id, patient_id, legs, status, planned_sessions FROM courses WHERE id = $1 FOR UPDATE`, [courseId]);
    return row;
  }

  async lockSession(m: EntityManager, id: string): Promise<{ status: SessionStatus; version: number; scheduled_for: Date } | null> {
    const [row] = await m.query(`SELECT status, version, scheduled_for FROM sessions WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async courseLegs(m: EntityManager, courseId: string): Promise<Leg[]> {
    const [row] = await m.query(`SELECT legs FROM courses WHERE id = $1`, [courseId]);
    return row.legs;
  }

  async lastCompletedOn(m: EntityManager, courseId: string): Promise<IsoDate | null> {
    const [row] = await m.query(
      `SELECT max(completed_on)::text AS last_completed_on FROM sessions WHERE course_id = $1 AND status = 'completed'`,
      [courseId],
    );
    return row.last_completed_on;
  }

  /** Keeps the session's length; raises exclusion_violation on a diary clash, as booking's insert does. */
  async reschedule(m: EntityManager, id: string, scheduledFor: string): Promise<void> {
    await m.query(
      `UPDATE sessions SET scheduled_for = $2::timestamptz, ends_at = $2::timestamptz + (ends_at - scheduled_for),
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, scheduledFor],
    );
  }

  async changeStatus(
    m: EntityManager,
    id: string,
    status: 'cancelled' | 'did_not_attend',
    actorId: string,
    reason: string | null,
  ): Promise<void> {
    await m.query(
      `UPDATE sessions SET status = $2, status_changed_at = now(), status_changed_by = $3, status_reason = $4,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, status, actorId, reason],
    );
  }

  /** Cancels the still-booked sessions of a course that closed (frees the clinicians' time). */
  async cancelBooked(m: EntityManager, courseId: string, actorId: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE sessions
          SET status = 'cancelled', status_changed_at = now(), status_changed_by = $2, status_reason = $3,
              version = version + 1, updated_at = now()
        WHERE course_id = $1 AND status = 'scheduled'`,
      [courseId, actorId, reason],
    );
  }

  /**
   * One statement, so the dose meter on the form and the check on submit read the same figures.
   * `exceptSessionId` leaves the session being recorded out of the day's dose.
   */
  async completionCounts(
    m: EntityManager,
    q: { courseId: string; patientId: string; on: IsoDate; treatedAt: string; exceptSessionId: string },
  ): Promise<CompletionCounts> {
    const [f] = await m.query(completionCountsSql({ course: '$1', patient: '$2', on: '$3', treatedAt: '$4', session: '$5' }), [
      q.courseId,
      q.patientId,
      q.on,
      q.treatedAt,
      q.exceptSessionId,
    ]);
    return toCompletionCounts(f);
  }

  /** Sessions booked in the past, completed or not, in one statement; each live booking's trigger writes its diary row. */
  async insertPastSessions(m: EntityManager, rows: readonly PastSessionRow[]): Promise<void> {
    await m.query(
      `INSERT INTO sessions (id, course_id, sequence, scheduled_for, ends_at, clinician_id, status, booked_by, status_changed_at,
                             status_changed_by, status_reason, completed_at, treated_at, completed_on, completed_by, legs, areas, agent, product,
                             batch_number, concentration_percent, form, volume_ml, injections, dose_mg, compression_mmhg,
                             compression_hours, checklist, confirmations, immediate_reactions, version, created_at, updated_at)
       SELECT r.id, r.course_id, r.sequence, r.scheduled_for, r.ends_at, r.clinician_id, r.status, r.booked_by, r.status_changed_at,
              r.status_changed_by, r.status_reason, r.completed_at, r.treated_at, r.completed_on, r.completed_by,
              CASE WHEN r.legs IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(r.legs)) END,
              CASE WHEN r.areas IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(r.areas)) END,
              r.agent, r.product, r.batch_number, r.concentration_percent, r.form, r.volume_ml, r.injections, r.dose_mg,
              r.compression_mmhg, r.compression_hours, r.checklist, coalesce(r.confirmations, '[]'), r.immediate_reactions,
              CASE WHEN r.status = 'scheduled' THEN 1 ELSE 2 END, r.created_at, coalesce(r.status_changed_at, r.created_at)
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, course_id uuid, sequence int, scheduled_for timestamptz, ends_at timestamptz,
              clinician_id uuid, status text, booked_by uuid, status_changed_at timestamptz, status_changed_by uuid, status_reason text,
              completed_at timestamptz, treated_at timestamptz, completed_on date, completed_by uuid, legs jsonb, areas jsonb, agent text, product text,
              batch_number text, concentration_percent numeric, form text, volume_ml numeric, injections int, dose_mg numeric,
              compression_mmhg int, compression_hours int, checklist jsonb, confirmations jsonb, immediate_reactions text,
              created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
}
