import { Injectable } from '@nestjs/common';
import type { AdverseEvent, Consent, CourseStatus, Leg, Outcome, ConsentInput, OutcomeInput } from '@venule/api-contract';
import type { ClinicalPolicy, LegTreatment } from '@venule/clinical-rules';
import type { EntityManager } from 'typeorm';
import { ADVERSE_EVENT_COLUMNS, adverseEventOf } from '../adverse-events/adverse-events.repository';
import { legTreatmentsJson, legTreatmentsOf, POLICY_JSON, policyOf } from '../clearance/clinical-facts.repository';
import { auditRecordset, insertAuditSql, type AuditRow } from '../platform/audit/audit-recording.repository';
import { dateOrNull, type JsonRow } from '../platform/database/json-rows';
import { sessionRowOf, sessionSelect, type SessionRow } from '../sessions/sessions.repository';
import { queryPrepared } from '../platform/database/prepared';

export interface CourseRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  patient_id: string;
  legs: Leg[];
  areas: string[];
  planned_sessions: number;
  status: CourseStatus;
  discontinued_reason: string | null;
  closed_at: Date | null;
}

interface ConsentRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  course_id: string;
  consented_on: string;
  form_version: string;
  recorded_by: string;
}

interface OutcomeRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  course_id: string;
  assessed_on: string;
  rated_by: Outcome['ratedBy'];
  improvement_percent: number;
  notes: string | null;
  recorded_by: string;
}

/** What an update writes; absent fields keep their value. `closing` stamps who closed it and when. */
export interface CourseChange {
  areas?: string[];
  plannedSessions?: number;
  status?: CourseStatus;
  discontinuedReason: string | null;
  closing: boolean;
  actorId: string;
}

const COURSE_COLUMNS = `id, version, created_at, updated_at, patient_id, legs, areas, planned_sessions, status,
         discontinued_reason, closed_at`;
const CONSENT_COLUMNS = `id, version, created_at, updated_at, course_id, consented_on::text AS consented_on, form_version, recorded_by`;
const OUTCOME_COLUMNS = `id, version, created_at, updated_at, course_id, assessed_on::text AS assessed_on, rated_by,
         improvement_percent, notes, recorded_by`;

const toConsent = (r: ConsentRow): Consent => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  courseId: r.course_id,
  consentedOn: r.consented_on,
  formVersion: r.form_version,
  recordedBy: r.recorded_by,
});

const toOutcome = (r: OutcomeRow): Outcome => ({
  id: r.id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  courseId: r.course_id,
  assessedOn: r.assessed_on,
  ratedBy: r.rated_by,
  improvementPercent: r.improvement_percent,
  ...(r.notes ? { notes: r.notes } : {}),
  recordedBy: r.recorded_by,
});

/** The order of a patient's courses: the active ones first, then the newest. */
const PAGE_ORDER = `(status = 'active') DESC, created_at DESC, id`;

const courseRowOf = (j: JsonRow<CourseRow>): CourseRow => ({
  ...j,
  created_at: new Date(j.created_at),
  updated_at: new Date(j.updated_at),
  closed_at: dateOrNull(j.closed_at),
});

/** What the views of some courses of one patient are built from beyond the course rows. */
export interface CourseViewFacts {
  policy: ClinicalPolicy;
  /** The courses' sessions, by course and sequence (then booking time). */
  sessions: SessionRow[];
  /** The adverse events of their completed sessions, by onset; only for a role that reads clinical data. */
  adverseEvents: AdverseEvent[];
  /** Each course's latest consent (by date signed). */
  consents: Consent[];
  /** The courses' outcomes, oldest assessment first; only for a role that reads clinical data. */
  outcomes: Outcome[];
  /** Every leg the patient had treated, in any course. */
  treatments: LegTreatment[];
}

interface ViewFactsJson {
  policy: Parameters<typeof policyOf>[0];
  sessions: JsonRow<SessionRow>[];
  adverse_events: Parameters<typeof adverseEventOf>[0][];
  consents: JsonRow<ConsentRow>[];
  outcomes: JsonRow<OutcomeRow>[];
  treatments: Parameters<typeof legTreatmentsOf>[0];
}

/**
 * The facts of `CourseViewFacts` as JSON columns, for the courses whose ids the CTE `page` holds,
 * of the patient `patientId`; `clinical` (SQL, boolean) says whether the role reads clinical data.
 */
const viewFacts = (patientId: string, clinical: string) => `
  ${POLICY_JSON} AS policy,
  (SELECT coalesce(json_agg(x ORDER BY x.course_id, x.sequence, x.scheduled_for, x.created_at), '[]')
     FROM (${sessionSelect('sessions')} WHERE s.course_id IN (SELECT id FROM page)) x) AS sessions,
  (SELECT coalesce(json_agg(x ORDER BY x.onset_on, x.created_at), '[]')
     FROM (SELECT ${ADVERSE_EVENT_COLUMNS} FROM adverse_events
            WHERE ${clinical}
              AND session_id IN (SELECT id FROM sessions WHERE status = 'completed' AND course_id IN (SELECT id FROM page))) x) AS adverse_events,
  (SELECT coalesce(json_agg(x), '[]')
     FROM (SELECT DISTINCT ON (course_id) ${CONSENT_COLUMNS} FROM consents WHERE course_id IN (SELECT id FROM page)
            ORDER BY course_id, consented_on DESC, created_at DESC) x) AS consents,
  (SELECT coalesce(json_agg(x ORDER BY x.assessed_on, x.created_at), '[]')
     FROM (SELECT ${OUTCOME_COLUMNS} FROM outcomes WHERE ${clinical} AND course_id IN (SELECT id FROM page)) x) AS outcomes,
  ${legTreatmentsJson(patientId)} AS treatments`;

const viewFactsOf = (j: ViewFactsJson): CourseViewFacts => ({
  policy: policyOf(j.policy),
  sessions: j.sessions.map(sessionRowOf),
  adverseEvents: j.adverse_events.map(adverseEventOf),
  consents: j.consents.map((c) => toConsent({ ...c, created_at: new Date(c.created_at), updated_at: new Date(c.updated_at) })),
  outcomes: j.outcomes.map((o) => toOutcome({ ...o, created_at: new Date(o.created_at), updated_at: new Date(o.updated_at) })),
  treatments: legTreatmentsOf(j.treatments),
});

/** Courses, their consents and outcomes: all the SQL, and the one mapping of consents and outcomes to the contract. */
/** A course started in the past (the demo clinic's), closed by its creator when `closed_at` is set. */
export interface PastCourseRow {
  id: string;
  patient_id: string;
  legs: Leg[];
  areas: string[];
  planned_sessions: number;
  status: CourseStatus;
  discontinued_reason: string | null;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PastConsentRow {
  course_id: string;
  consented_on: string;
  form_version: string;
  recorded_by: string;
  created_at: string;
}

export interface PastOutcomeRow {
  course_id: string;
  assessed_on: string;
  rated_by: Outcome['ratedBy'];
  improvement_percent: number;
  notes: string | null;
  recorded_by: string;
  created_at: string;
}

@Injectable()
export class CoursesRepository {
  async find(m: EntityManager, id: string, lock = false): Promise<CourseRow | null> {
    const [row] = await m.query(`SELECT ${COURSE_COLUMNS} FROM courses WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  /**
   * A page of the patient's courses (the active ones first, then the newest), how many there are,
   * every fact their views need, and the read's audit rows, in one statement; null when there is
   * no such patient (the patient row anchors the result, so it is there even for no courses), and
   * then nothing is audited.
   */
  async pageOfPatient(
    m: EntityManager,
    q: { patientId: string; limit: number; offset: number; clinical: boolean; audit: readonly AuditRow[] },
  ): Promise<{ rows: CourseRow[]; total: number; facts: CourseViewFacts } | null> {
    const [found]: (ViewFactsJson & { total: number; courses: JsonRow<CourseRow>[] })[] = await queryPrepared(
      m,
      `WITH page AS (
         SELECT ${COURSE_COLUMNS} FROM courses WHERE patient_id = $1 ORDER BY ${PAGE_ORDER} LIMIT $2 OFFSET $3
       ), audit AS (
         ${insertAuditSql('(CASE WHEN EXISTS (SELECT 1 FROM patients WHERE id = $1) THEN $5 END)')}
       )
       SELECT (SELECT count(*)::int FROM courses WHERE patient_id = p.id) AS total,
              (SELECT coalesce(json_agg(page ORDER BY ${PAGE_ORDER}), '[]') FROM page) AS courses,
              ${viewFacts('$1', '$4::boolean')}
         FROM patients p
        WHERE p.id = $1`,
      [q.patientId, q.limit, q.offset, q.clinical, auditRecordset(q.audit)],
    );
    if (!found) return null;
    return { rows: found.courses.map(courseRowOf), total: found.total, facts: viewFactsOf(found) };
  }

  /** Every fact the views of these courses of one patient need, in one statement. */
  async viewFacts(m: EntityManager, patientId: string, courseIds: string[], clinical: boolean): Promise<CourseViewFacts> {
    const [found]: ViewFactsJson[] = await m.query(
      `WITH page AS (SELECT id FROM courses WHERE id = ANY($1::uuid[]))
       SELECT ${viewFacts('$2::uuid', '$3::boolean')}`,
      [courseIds, patientId, clinical],
    );
    return viewFactsOf(found);
  }

  async insert(
    m: EntityManager,
    c: { patientId: string; legs: Leg[]; areas: string[]; plannedSessions: number; createdBy: string },
  ): Promise<CourseRow> {
    const [row] = await m.query(
      `INSERT INTO courses (patient_id, legs, areas, planned_sessions, created_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${COURSE_COLUMNS}`,
      [c.patientId, c.legs, c.areas, c.plannedSessions, c.createdBy],
    );
    return row;
  }

  async update(m: EntityManager, id: string, c: CourseChange): Promise<void> {
    await m.query(
      `UPDATE courses
          SET areas = coalesce($2, areas),
              planned_sessions = coalesce($3, planned_sessions),
              status = coalesce($4, status),
              discontinued_reason = $5,
              closed_at = CASE WHEN $6 THEN now() ELSE closed_at END,
              closed_by = CASE WHEN $6 THEN $7::uuid ELSE closed_by END,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, c.areas ?? null, c.plannedSessions ?? null, c.status ?? null, c.discontinuedReason, c.closing, c.actorId],
    );
  }

  async completedSessions(m: EntityManager, id: string): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM sessions WHERE course_id = $1 AND status = 'completed'`, [id]);
    return n;
  }

  async outcomeCount(m: EntityManager, id: string): Promise<number> {
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM outcomes WHERE course_id = $1`, [id]);
    return n;
  }

  async insertConsent(m: EntityManager, courseId: string, c: ConsentInput, recordedBy: string): Promise<Consent> {
    const [row] = await m.query(
      `INSERT INTO consents (course_id, consented_on, form_version, recorded_by) VALUES ($1, $2, $3, $4) RETURNING ${CONSENT_COLUMNS}`,
      [courseId, c.consentedOn, c.formVersion, recordedBy],
    );
    return toConsent(row);
  }

  async insertOutcome(m: EntityManager, courseId: string, o: OutcomeInput, recordedBy: string): Promise<Outcome> {
    const [row] = await m.query(
      `INSERT INTO outcomes (course_id, assessed_on, rated_by, improvement_percent, notes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${OUTCOME_COLUMNS}`,
      [courseId, o.assessedOn, o.ratedBy, o.improvementPercent, o.notes ?? null, recordedBy],
    );
    return toOutcome(row);
  }

  /** Courses started (and perhaps closed) in the past, in one statement. */
  async insertPastCourses(m: EntityManager, rows: readonly PastCourseRow[]): Promise<void> {
    await m.query(
      `INSERT INTO courses (id, patient_id, legs, areas, planned_sessions, status, discontinued_reason, closed_at, closed_by, created_by, version, created_at, updated_at)
       SELECT r.id, r.patient_id, ARRAY(SELECT jsonb_array_elements_text(r.legs)), ARRAY(SELECT jsonb_array_elements_text(r.areas)),
              r.planned_sessions, r.status, r.discontinued_reason, r.closed_at, CASE WHEN r.closed_at IS NULL THEN NULL ELSE r.created_by END,
              r.created_by, r.version, r.created_at, r.updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, patient_id uuid, legs jsonb, areas jsonb, planned_sessions int, status text,
              discontinued_reason text, closed_at timestamptz, created_by uuid, version int, created_at timestamptz, updated_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }

  async insertPastConsents(m: EntityManager, rows: readonly PastConsentRow[]): Promise<void> {
    await m.query(
      `INSERT INTO consents (course_id, consented_on, form_version, recorded_by, created_at, updated_at)
       SELECT r.course_id, r.consented_on, r.form_version, r.recorded_by, r.created_at, r.created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(course_id uuid, consented_on date, form_version text, recorded_by uuid, created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }

  async insertPastOutcomes(m: EntityManager, rows: readonly PastOutcomeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO outcomes (course_id, assessed_on, rated_by, improvement_percent, notes, recorded_by, created_at, updated_at)
       SELECT r.course_id, r.assessed_on, r.rated_by, r.improvement_percent, r.notes, r.recorded_by, r.created_at, r.created_at
         FROM jsonb_to_recordset($1::jsonb) AS r(course_id uuid, assessed_on date, rated_by text, improvement_percent int,
              notes text, recorded_by uuid, created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
}
