/**
 * The reports' SQL: each report is a few set-based statements, never a query per row.
 * The window state of a course is computed here exactly as `courseState` in
 * @venule/clinical-rules computes it (apps/api/test/reports.int-spec.ts checks the two agree).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ActiveCourseState,
  AdverseEventRate,
  ClinicianMonth,
  CourseProgressRow,
  CourseProgressSort,
  IsoDate,
  Leg,
  RecallCallOutcome,
  RecallClinicalDetail,
  RecallRow,
  ScanExpiryRow,
} from '@venule/api-contract';
import type { ClinicalPolicy } from '@venule/clinical-rules';
import { DataSource, type EntityManager } from 'typeorm';

/** The clinic's calendar and policy numbers every report is computed against. */
export interface ReportClock {
  on: IsoDate;
  timeZone: string;
  policy: ClinicalPolicy;
}

export interface CourseProgressFilter {
  clinicianId?: string;
  state?: ActiveCourseState;
  from?: IsoDate;
  to?: IsoDate;
  leg?: Leg;
  sort: CourseProgressSort;
  direction: 'asc' | 'desc';
  /** null: every matching row (CSV). */
  limit: number | null;
  offset: number;
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
  clinicianId: string | null;
}

/** Severity first: the order a manager reads the states in. */
const STATE_ORDER = `array_position(ARRAY['overdue', 'due', 'not_started', 'on_track', 'completed']::text[], f.state)`;

/** Sort keys: each column takes the requested direction. */
const SORT_COLUMNS: Record<CourseProgressSort, string[]> = {
  patientName: ['p.last_name', 'p.first_name'],
  clinicNumber: ['p.clinic_number'],
  clinicianName: ['f.clinician_name'],
  state: [STATE_ORDER],
  plannedOn: ['f.planned_on'],
  lastSessionOn: ['f.last_on'],
  nextSessionOn: ['f.next_on'],
  daysOverdue: ['f.days_overdue'],
  sessionsCompleted: ['f.done'],
};

/**
 * Active courses of patients not archived, read from `course_facts` (kept by triggers, see the
 * CourseFacts migration), with their state on $1 (clinic date), the clinic's zone $2 and interval
 * policy $3 (min days) and $4 (max days). Mirrors `courseState` and its `courseWindow` (the window
 * opens when every leg is past its interval in every course): planned sessions all done →
 * completed; nothing done → not_started; past the window → overdue; before it → on_track; inside
 * it, on_track when a session is booked today or later inside the window, else due. `next_on` is
 * the earliest booking dated today or later.
 */
const ACTIVE_COURSES = `
  active AS (
    SELECT cf.course_id AS id, cf.patient_id, cf.legs, cf.planned_sessions, (cf.created_at AT TIME ZONE $2)::date AS planned_on,
           cf.done, cf.last_on, coalesce(cf.last_by, cf.created_by) AS clinician_id, cf.legs_last_on + $3::int AS opens_on,
           cf.patient_rating, cf.clinician_rating,
           -- Bookings are kept earliest first: only a course with bookings both before and after
           -- today needs its list searched.
           CASE WHEN cf.bookings = '{}' OR (cf.bookings[cardinality(cf.bookings)] AT TIME ZONE $2)::date < $1::date THEN NULL
                WHEN (cf.bookings[1] AT TIME ZONE $2)::date >= $1::date THEN (cf.bookings[1] AT TIME ZONE $2)::date
                ELSE (SELECT min((b AT TIME ZONE $2)::date) FROM unnest(cf.bookings) b WHERE (b AT TIME ZONE $2)::date >= $1::date)
           END AS next_on
      FROM course_facts cf
     WHERE cf.status = 'active' AND NOT cf.archived
  ),
  windows AS (
    SELECT a.*, greatest(a.last_on + $3::int, a.opens_on) AS window_opens
      FROM active a
  ),
  states AS (
    SELECT w.*, greatest(w.last_on + $4::int, w.window_opens) AS window_closes,
           CASE
             WHEN w.done >= w.planned_sessions AND w.done > 0 THEN 'completed'
             WHEN w.last_on IS NULL THEN 'not_started'
             WHEN $1::date > greatest(w.last_on + $4::int, w.window_opens) THEN 'overdue'
             WHEN $1::date < w.window_opens THEN 'on_track'
             WHEN w.next_on <= greatest(w.last_on + $4::int, w.window_opens) THEN 'on_track'
             ELSE 'due'
           END AS state
      FROM windows w
  ),
  f AS (
    SELECT s.*, CASE WHEN s.state = 'overdue' THEN $1::date - s.window_closes ELSE 0 END AS days_overdue
      FROM states s
  )`;

const clockParams = (c: ReportClock) => [c.on, c.timeZone, c.policy.minIntervalDays, c.policy.maxIntervalDays];

/** A recall-list row with its clinical detail alongside, for the service to keep or drop. */
export type RecallCandidate = Omit<RecallRow, 'clinical'> & RecallClinicalDetail & { list: 'overdue' | 'recall' };

interface ProgressRow extends Omit<CourseProgressRow, 'daysOverdue'> {
  daysOverdue: number;
  total: number;
}

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of active courses and the number of all that match, in one statement. */
  async courseProgress(clock: ReportClock, filter: CourseProgressFilter): Promise<{ items: CourseProgressRow[]; total: number }> {
    const params: unknown[] = clockParams(clock);
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.clinicianId) add('f.clinician_id = ?::uuid', filter.clinicianId);
    if (filter.state) add('f.state = ?', filter.state);
    if (filter.from) add('f.planned_on >= ?::date', filter.from);
    if (filter.to) add('f.planned_on <= ?::date', filter.to);
    if (filter.leg) add('f.legs @> ARRAY[?]::text[]', filter.leg);
    const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
    const order = [...SORT_COLUMNS[filter.sort].map((col) => `${col} ${direction} NULLS LAST`), STATE_ORDER, 'f.id'];
    params.push(filter.limit, filter.offset);
    // Patients' names are read for every row only when the order needs them, else for the page;
    // the page is the top of a bounded sort, with the count of all matches alongside.
    const byName = filter.sort === 'patientName' || filter.sort === 'clinicNumber';
    const rows: ProgressRow[] = await this.db.query(
      `WITH ${ACTIVE_COURSES},
       page AS (
         SELECT f.*, count(*) OVER ()::int AS total
           FROM (SELECT f.*, u.display_name AS clinician_name FROM f LEFT JOIN users u ON u.id = f.clinician_id) f
           ${byName ? 'JOIN patients p ON p.id = f.patient_id' : ''}
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${order.join(', ')}
          LIMIT $${params.length - 1} OFFSET $${params.length}
       )
       SELECT f.id AS "courseId", f.patient_id AS "patientId",
              p.first_name || ' ' || p.last_name AS "patientName", p.clinic_number AS "clinicNumber",
              f.legs, f.clinician_id AS "clinicianId", f.clinician_name AS "clinicianName",
              f.planned_on::text AS "plannedOn", f.done AS "sessionsCompleted", f.planned_sessions AS "plannedSessions",
              f.last_on::text AS "lastSessionOn", f.next_on::text AS "nextSessionOn", f.state,
              f.days_overdue AS "daysOverdue", f.total,
              f.patient_rating AS "patientRatedImprovement", f.clinician_rating AS "clinicianRatedImprovement"
         FROM page f
         JOIN patients p ON p.id = f.patient_id
        ORDER BY ${order.join(', ')}`,
      params,
    );
    const total = rows[0]?.total ?? (filter.offset > 0 ? await this.countProgress(clock, filter) : 0);
    return { items: rows.map(({ total: _total, ...row }) => row), total };
  }

  /** The total when the page asked for lies past the last row. */
  private async countProgress(clock: ReportClock, filter: CourseProgressFilter): Promise<number> {
    const { total } = await this.courseProgress(clock, { ...filter, offset: 0, limit: 1 });
    return total;
  }

  /** Courses to phone about: overdue with nothing booked, and those whose window is open or opens soon. */
  async recallCandidates(clock: ReportClock, recallDays: number): Promise<RecallCandidate[]> {
    return this.db.query(
      `WITH ${ACTIVE_COURSES}
       SELECT CASE WHEN f.state = 'overdue' THEN 'overdue' ELSE 'recall' END AS list,
              f.id AS "courseId", f.patient_id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName",
              p.clinic_number AS "clinicNumber", p.phone, f.last_on::text AS "lastSessionOn",
              f.window_opens::text AS "windowOpensOn", f.window_closes::text AS "windowClosesOn",
              f.days_overdue AS "daysOverdue", f.legs, f.done AS "sessionsCompleted", f.planned_sessions AS "plannedSessions",
              CASE WHEN lc.outcome IS NULL THEN NULL ELSE json_build_object(
                'outcome', lc.outcome, 'note', lc.note, 'calledByName', lc.called_by_name,
                'calledAt', to_char(lc.called_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS "lastCall"
         FROM f
         JOIN patients p ON p.id = f.patient_id
         LEFT JOIN LATERAL (
           SELECT rc.outcome, rc.note, rc.called_at, u.display_name AS called_by_name
             FROM recall_calls rc JOIN users u ON u.id = rc.called_by
            WHERE rc.course_id = f.id
            ORDER BY rc.called_at DESC, rc.id
            LIMIT 1) lc ON true
        WHERE f.next_on IS NULL
          AND (f.state = 'overdue' OR (f.state IN ('on_track', 'due') AND f.window_opens <= $1::date + $5::int))
        ORDER BY f.days_overdue DESC, f.window_opens, p.last_name, p.first_name, f.id`,
      [...clockParams(clock), recallDays],
    );
  }

  /** Records a call about an existing course; undefined when there is no such course. */
  async recordCall(
    tx: EntityManager,
    call: { courseId: string; outcome: RecallCallOutcome; note: string | null; calledBy: string },
  ): Promise<{ id: string; patientId: string; calledAt: Date } | undefined> {
    const [row] = await tx.query(
      `WITH c AS (SELECT id, patient_id FROM courses WHERE id = $1),
            call AS (INSERT INTO recall_calls (course_id, outcome, note, called_by) SELECT c.id, $2, $3, $4 FROM c RETURNING id, called_at)
       SELECT call.id, call.called_at AS "calledAt", c.patient_id AS "patientId" FROM call, c`,
      [call.courseId, call.outcome, call.note, call.calledBy],
    );
    return row;
  }

  /**
   * Legs whose latest scan is clear and runs out within `days` days while an active course of
   * that leg still has sessions to give. Valid-until as `scanValidUntil` computes it: the day
   * before the same date N months later, a missing date rolling forward to the 1st. Only scans
   * dated in the month-wide band that can expire in the next `days` days are candidates.
   */
  async scansExpiring(clock: ReportClock, days: number): Promise<ScanExpiryRow[]> {
    return this.db.query(
      `WITH candidates AS (
         SELECT s.id, s.patient_id, s.performed_on, s.seq, l.leg, t.remaining, v.valid_until
           FROM scans s
           CROSS JOIN LATERAL (
             SELECT (least(date_trunc('month', s.performed_on) + make_interval(months => $2::int, days => extract(day FROM s.performed_on)::int - 1),
                           date_trunc('month', s.performed_on) + make_interval(months => $2::int + 1))::date - 1) AS valid_until
           ) v
           -- The few thousand scans in the band, then by key their clear legs and the sessions those
           -- legs still have to be given in active courses (OFFSET 0 keeps each a probe per scan).
           CROSS JOIN LATERAL (SELECT x.leg FROM scan_legs x WHERE x.scan_id = s.id AND x.conclusion = 'clear' OFFSET 0) l
           CROSS JOIN LATERAL (
             SELECT sum(cf.planned_sessions - cf.done)::int AS remaining
               FROM course_facts cf
              WHERE cf.patient_id = s.patient_id AND cf.status = 'active' AND NOT cf.archived AND l.leg = ANY (cf.legs)
           ) t
          WHERE s.performed_on BETWEEN ($1::date - make_interval(months => $2::int, days => 2))::date
                                   AND ($1::date + $3::int - make_interval(months => $2::int) + interval '1 day')::date
            AND v.valid_until BETWEEN $1::date AND $1::date + $3::int
            AND t.remaining > 0
       ),
       latest AS (
         SELECT c.* FROM candidates c
          WHERE NOT EXISTS (
              SELECT 1 FROM scans n JOIN scan_legs nl ON nl.scan_id = n.id AND nl.leg = c.leg
               WHERE n.patient_id = c.patient_id AND n.performed_on <= $1::date
                 AND (n.performed_on, n.seq) > (c.performed_on, c.seq))
       )
       SELECT l.patient_id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName", p.clinic_number AS "clinicNumber",
              p.phone, l.leg, l.valid_until::text AS "validUntil", l.remaining AS "sessionsRemaining"
         FROM latest l
         JOIN patients p ON p.id = l.patient_id
        ORDER BY l.valid_until, p.last_name, p.first_name, l.leg`,
      [clock.on, clock.policy.scanValidityMonths, days],
    );
  }

  /**
   * Latest rating of each rater per course assessed in the period, grouped by sessions completed:
   * the course's latest rating (course_facts) when it falls in the period, else its latest before
   * the period's end from the outcomes themselves.
   */
  async improvementBySessions(
    period: Period,
  ): Promise<
    { sessionsCompleted: number; ratedBy: 'patient' | 'clinician'; meanPercent: number; courses: number; withinPromiseOrBetter: number }[]
  > {
    return this.db.query(
      `WITH rated AS (
         SELECT 'patient' AS rated_by, cf.patient_rating AS improvement_percent, cf.done, coalesce(cf.last_by, cf.created_by) AS clinician_id
           FROM course_facts cf WHERE cf.patient_rated_on BETWEEN $1::date AND $2::date
         UNION ALL
         SELECT 'clinician', cf.clinician_rating, cf.done, coalesce(cf.last_by, cf.created_by)
           FROM course_facts cf WHERE cf.clinician_rated_on BETWEEN $1::date AND $2::date
         UNION ALL
         -- Courses rated again after the period: their latest rating inside it.
         SELECT * FROM (
           SELECT DISTINCT ON (o.course_id, o.rated_by) o.rated_by, o.improvement_percent, cf.done, coalesce(cf.last_by, cf.created_by)
             FROM course_facts cf
             JOIN outcomes o ON o.course_id = cf.course_id AND o.assessed_on BETWEEN $1::date AND $2::date
            WHERE (cf.patient_rated_on > $2::date AND o.rated_by = 'patient') OR (cf.clinician_rated_on > $2::date AND o.rated_by = 'clinician')
            ORDER BY o.course_id, o.rated_by, o.assessed_on DESC, o.created_at DESC) later
       )
       SELECT done AS "sessionsCompleted", rated_by AS "ratedBy", round(avg(improvement_percent), 1)::float8 AS "meanPercent",
              count(*)::int AS courses, count(*) FILTER (WHERE improvement_percent >= $4::int)::int AS "withinPromiseOrBetter"
         FROM rated
        WHERE $3::uuid IS NULL OR clinician_id = $3::uuid
        GROUP BY done, rated_by
        ORDER BY done, rated_by`,
      [period.from, period.to, period.clinicianId, PROMISE.lowPercent],
    );
  }

  /** Courses closed in the period (clinic dates), completed and discontinued. */
  async closedCourses(period: Period, timeZone: string): Promise<{ completed: number; discontinued: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE cf.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE cf.status = 'discontinued')::int AS discontinued
         FROM course_facts cf
        WHERE cf.status <> 'active'
          AND cf.closed_at >= ($1::date::timestamp AT TIME ZONE $4) AND cf.closed_at < (($2::date + 1)::timestamp AT TIME ZONE $4)
          AND ($3::uuid IS NULL OR coalesce(cf.last_by, cf.created_by) = $3::uuid)`,
      [period.from, period.to, period.clinicianId, timeZone],
    );
    return row;
  }

  /** Sessions completed in the period, per clinician and clinic month. */
  async sessionsPerClinicianMonth(period: Period): Promise<ClinicianMonth[]> {
    return this.db.query(
      `WITH days AS (
         -- Count per day from the index first; months and names only for the few groups left.
         SELECT s.completed_by, s.completed_on, count(*) AS sessions
           FROM sessions s
          WHERE s.status = 'completed' AND s.completed_on BETWEEN $1::date AND $2::date
            AND ($3::uuid IS NULL OR s.completed_by = $3::uuid)
          GROUP BY s.completed_by, s.completed_on
       )
       SELECT d.completed_by AS "clinicianId", u.display_name AS "clinicianName", to_char(d.completed_on, 'YYYY-MM') AS month,
              sum(d.sessions)::int AS sessions
         FROM days d
         JOIN users u ON u.id = d.completed_by
        GROUP BY d.completed_by, u.display_name, month
        ORDER BY month, u.display_name, d.completed_by`,
      [period.from, period.to, period.clinicianId],
    );
  }

  /** Adverse events of the sessions completed in the period, by type and severity. */
  async adverseEvents(period: Period): Promise<Omit<AdverseEventRate, 'per100Sessions'>[]> {
    return this.db.query(
      `SELECT a.type, a.severity, count(*)::int AS events
         FROM adverse_events a
         JOIN sessions s ON s.id = a.session_id
        WHERE s.status = 'completed' AND s.completed_on BETWEEN $1::date AND $2::date
          AND ($3::uuid IS NULL OR s.completed_by = $3::uuid)
        GROUP BY a.type, a.severity
        ORDER BY count(*) DESC, a.type, a.severity`,
      [period.from, period.to, period.clinicianId],
    );
  }

  /** Bookings dated in the period (clinic calendar) that were attended or missed. */
  async attendance(period: Period, timeZone: string): Promise<{ missed: number; attended: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE s.status = 'did_not_attend')::int AS missed,
              count(*) FILTER (WHERE s.status = 'completed')::int AS attended
         FROM sessions s
        WHERE s.status IN ('completed', 'did_not_attend')
          AND s.scheduled_for >= ($1::date::timestamp AT TIME ZONE $4) AND s.scheduled_for < (($2::date + 1)::timestamp AT TIME ZONE $4)
          AND ($3::uuid IS NULL OR coalesce(s.completed_by, s.clinician_id) = $3::uuid)`,
      [period.from, period.to, period.clinicianId, timeZone],
    );
    return row;
  }

  /**
   * Courses overdue at the end of each month of the period, from the sessions' history: each
   * completed session opens a span, until the course's next one, in which it is the course's last;
   * a course is overdue on a day inside such a span once the span is older than maxIntervalDays
   * ($4), while sessions remain and the course is not yet closed. (The window is the course's own,
   * as `courseWindow` gives it when no other course of the patient treated the same leg since.)
   * Counted under the clinician who gave the span's session; patients archived today left out.
   */
  async overdueByMonth(period: Period, timeZone: string, maxIntervalDays: number): Promise<{ on: IsoDate; overdue: number }[]> {
    return this.db.query(
      // The month-ends are materialised so the join compares stored dates, not date arithmetic per pair.
      `WITH ends AS MATERIALIZED (
         SELECT least((m + interval '1 month' - interval '1 day')::date, $2::date) AS on
           FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') m
       ),
       candidates AS (
         -- Courses open in the period that waited longer than the maximum at some point: the ones
         -- overdue now, and those with a long wait behind them (course_facts.longest_gap).
         SELECT cf.course_id, cf.planned_sessions, (cf.closed_at AT TIME ZONE $5)::date AS closed_on
           FROM course_facts cf
          WHERE NOT cf.archived AND cf.status = 'active' AND cf.last_on < $2::date - $4::int
         UNION
         SELECT cf.course_id, cf.planned_sessions, (cf.closed_at AT TIME ZONE $5)::date
           FROM course_facts cf
          WHERE cf.longest_gap > $4::int AND NOT cf.archived AND (cf.closed_at IS NULL OR cf.closed_at >= $1::date::timestamp AT TIME ZONE $5)
       ),
       spans AS (
         SELECT c.planned_sessions, c.closed_on, x.*
           FROM candidates c
           CROSS JOIN LATERAL (
             SELECT s.completed_on AS last_on, s.completed_by, count(*) OVER w AS done, lead(s.completed_on) OVER w AS next_on
               FROM sessions s
              WHERE s.course_id = c.course_id AND s.status = 'completed' AND s.completed_on <= $2::date
             WINDOW w AS (ORDER BY s.completed_on, s.completed_at ROWS UNBOUNDED PRECEDING)
           ) x
       )
       SELECT e.on::text AS on, count(sp.last_on)::int AS overdue
         FROM ends e
         LEFT JOIN spans sp
           ON sp.last_on + $4::int < e.on AND (sp.next_on IS NULL OR sp.next_on > e.on)
          AND sp.done < sp.planned_sessions AND (sp.closed_on IS NULL OR sp.closed_on > e.on)
          AND ($3::uuid IS NULL OR sp.completed_by = $3::uuid)
        GROUP BY e.on
        ORDER BY e.on`,
      [period.from, period.to, period.clinicianId, maxIntervalDays, timeZone],
    );
  }

  /** Patients whose first treatment ever fell in the period: median days from their first scan. */
  async scanToFirstTreatment(period: Period): Promise<{ patients: number; medianDays: number | null }> {
    const [row] = await this.db.query(
      `WITH first_treatment AS (
         SELECT DISTINCT ON (cf.patient_id) cf.patient_id, cf.first_on, cf.first_by, cf.first_scan_on
           FROM course_facts cf
          WHERE cf.first_on BETWEEN $1::date AND $2::date AND cf.first_on = cf.patient_first_on
          ORDER BY cf.patient_id, cf.first_at
       )
       SELECT count(*)::int AS patients,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ft.first_on - ft.first_scan_on)::float8 AS "medianDays"
         FROM first_treatment ft
        WHERE ft.first_scan_on <= ft.first_on
          AND ($3::uuid IS NULL OR ft.first_by = $3::uuid)`,
      [period.from, period.to, period.clinicianId],
    );
    return row;
  }
}

/** The clinic's promise (SPEC §1): 60–80 % improvement after 2–5 sessions. */
export const PROMISE = Object.freeze({ lowPercent: 60, highPercent: 80, minSessions: 2, maxSessions: 5 });
