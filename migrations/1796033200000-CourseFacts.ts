import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row of facts per course for the managers' reports, so a report reads ~15,000 active rows
 * instead of aggregating every session per request: sessions done, the first and last completed
 * session and who gave them, the patient's first treatment and first scan, the latest treatment of the course's legs in any of the patient's
 * courses (SPEC §1.4), the bookings still standing and the latest ratings.
 *
 * Kept by statement-level triggers on courses, sessions and outcomes, in the transaction of the
 * write: each recomputes the facts of every course of the patients the statement touched (a
 * patient's courses depend on one another through the per-leg interval). The window state is NOT
 * stored: it depends on today's date and the clinic's policy and is computed per request from
 * these facts, as `courseState` computes it.
 */
export class CourseFacts1796033200000 implements MigrationInterface {
  name = 'CourseFacts1796033200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course_facts (
        course_id uuid PRIMARY KEY REFERENCES courses (id) ON DELETE CASCADE,
        patient_id uuid NOT NULL,
        archived boolean NOT NULL,
        status text NOT NULL,
        legs text[] NOT NULL,
        planned_sessions int NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL,
        closed_at timestamptz,
        done int NOT NULL,
        first_on date,
        first_at timestamptz,
        first_by uuid,
        last_on date,
        last_by uuid,
        -- Longest wait between the course's completed sessions, or from its last to its closure
        -- (a day over when the closure's date is in doubt): only a course with a wait longer than
        -- the interval policy's maximum was ever overdue before its last session.
        longest_gap int,
        -- The patient's first treatment in any course (the course holding it has first_on = this)
        -- and first scan.
        patient_first_on date,
        first_scan_on date,
        -- Latest completed treatment, in any of the patient's courses, of a leg of this course.
        legs_last_on date,
        -- Booked (scheduled) sessions, earliest first; the report keeps those dated today or later.
        bookings timestamptz[] NOT NULL,
        -- The latest rating of each rater and the date it was assessed on.
        patient_rating int,
        patient_rated_on date,
        clinician_rating int,
        clinician_rated_on date
      )`);
    await q.query(`CREATE INDEX course_facts_active ON course_facts (patient_id) WHERE status = 'active'`);
    await q.query(
      `CREATE INDEX course_facts_closed ON course_facts (closed_at) INCLUDE (status, last_by, created_by) WHERE status <> 'active'`,
    );
    await q.query(`CREATE INDEX course_facts_gap ON course_facts (longest_gap) WHERE longest_gap IS NOT NULL`);
    await q.query(
      `CREATE INDEX course_facts_first ON course_facts (first_on) INCLUDE (patient_id, patient_first_on, first_at, first_by, first_scan_on)`,
    );
    await q.query(
      `CREATE INDEX course_facts_patient_rated ON course_facts (patient_rated_on) INCLUDE (patient_rating, done, last_by, created_by)`,
    );
    await q.query(
      `CREATE INDEX course_facts_clinician_rated ON course_facts (clinician_rated_on) INCLUDE (clinician_rating, done, last_by, created_by)`,
    );

    await q.query(`
      CREATE FUNCTION refresh_course_facts(patient_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Refreshes of one patient take turns: under READ COMMITTED the statement below then sees
        -- every write committed before it, so a concurrent refresh cannot leave stale facts behind.
        PERFORM 1 FROM patients WHERE id = ANY (patient_ids) ORDER BY id FOR NO KEY UPDATE;
        INSERT INTO course_facts AS f (course_id, patient_id, archived, status, legs, planned_sessions, created_at, created_by, closed_at,
                                       done, first_on, first_at, first_by, last_on, last_by, longest_gap, patient_first_on, first_scan_on,
                                       legs_last_on, bookings, patient_rating, patient_rated_on, clinician_rating, clinician_rated_on)
        SELECT c.id, c.patient_id, p.archived, c.status, c.legs, c.planned_sessions, c.created_at, c.created_by, c.closed_at, s.done,
               s.first_on, s.first_at, s.first_by, s.last_on, s.last_by,
               greatest(gap.longest, (c.closed_at::date - s.last_on) + 1), min(s.first_on) OVER (PARTITION BY c.patient_id),
               (SELECT min(sc.performed_on) FROM scans sc WHERE sc.patient_id = c.patient_id),
               legs.last_on, s.bookings, pr.rating, pr.assessed_on, cr.rating, cr.assessed_on
          FROM courses c
          JOIN patients p ON p.id = c.patient_id
          CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE x.status = 'completed')::int AS done,
                   min(x.completed_on) FILTER (WHERE x.status = 'completed') AS first_on,
                   (array_agg(x.completed_at ORDER BY x.completed_on, x.completed_at) FILTER (WHERE x.status = 'completed'))[1] AS first_at,
                   (array_agg(x.completed_by ORDER BY x.completed_on, x.completed_at) FILTER (WHERE x.status = 'completed'))[1] AS first_by,
                   max(x.completed_on) FILTER (WHERE x.status = 'completed') AS last_on,
                   (array_agg(x.completed_by ORDER BY x.completed_on DESC, x.completed_at DESC) FILTER (WHERE x.status = 'completed'))[1] AS last_by,
                   coalesce(array_agg(x.scheduled_for ORDER BY x.scheduled_for) FILTER (WHERE x.status = 'scheduled'), '{}') AS bookings
              FROM sessions x
             WHERE x.course_id = c.id AND x.status IN ('completed', 'scheduled')
          ) s
          CROSS JOIN LATERAL (
            SELECT max(g.days) AS longest FROM (
              SELECT x.completed_on - lag(x.completed_on) OVER (ORDER BY x.completed_on) AS days
                FROM sessions x WHERE x.course_id = c.id AND x.status = 'completed') g
          ) gap
          CROSS JOIN LATERAL (
            SELECT max(x.completed_on) AS last_on
              FROM courses c2
              JOIN sessions x ON x.course_id = c2.id AND x.status = 'completed'
             WHERE c2.patient_id = c.patient_id AND x.legs && c.legs
          ) legs
          LEFT JOIN LATERAL (
            SELECT o.improvement_percent AS rating, o.assessed_on FROM outcomes o WHERE o.course_id = c.id AND o.rated_by = 'patient'
             ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1
          ) pr ON true
          LEFT JOIN LATERAL (
            SELECT o.improvement_percent AS rating, o.assessed_on FROM outcomes o WHERE o.course_id = c.id AND o.rated_by = 'clinician'
             ORDER BY o.assessed_on DESC, o.created_at DESC LIMIT 1
          ) cr ON true
         WHERE c.patient_id = ANY (patient_ids)
        ON CONFLICT (course_id) DO UPDATE SET
          patient_id = excluded.patient_id, archived = excluded.archived, status = excluded.status, legs = excluded.legs, planned_sessions = excluded.planned_sessions,
          created_at = excluded.created_at, created_by = excluded.created_by, closed_at = excluded.closed_at, done = excluded.done,
          first_on = excluded.first_on, first_at = excluded.first_at, first_by = excluded.first_by, last_on = excluded.last_on,
          last_by = excluded.last_by, longest_gap = excluded.longest_gap, patient_first_on = excluded.patient_first_on, first_scan_on = excluded.first_scan_on,
          legs_last_on = excluded.legs_last_on, bookings = excluded.bookings, patient_rating = excluded.patient_rating,
          patient_rated_on = excluded.patient_rated_on, clinician_rating = excluded.clinician_rating,
          clinician_rated_on = excluded.clinician_rated_on;
      END $$`);

    // Sessions and outcomes name their course; courses and scans name their patient. One function per
    // shape, one trigger per event (a trigger with transition tables has one event).
    await q.query(`
      CREATE FUNCTION course_facts_by_course() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM refresh_course_facts(ARRAY(SELECT DISTINCT c.patient_id FROM new_rows n JOIN courses c ON c.id = n.course_id));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM refresh_course_facts(ARRAY(SELECT DISTINCT c.patient_id FROM old_rows o JOIN courses c ON c.id = o.course_id));
        ELSE
          PERFORM refresh_course_facts(ARRAY(
            SELECT DISTINCT c.patient_id FROM (SELECT course_id FROM new_rows UNION SELECT course_id FROM old_rows) r
              JOIN courses c ON c.id = r.course_id));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION course_facts_by_patient() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM refresh_course_facts(ARRAY(SELECT DISTINCT patient_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM refresh_course_facts(ARRAY(SELECT DISTINCT patient_id FROM old_rows));
        ELSE
          PERFORM refresh_course_facts(ARRAY(SELECT patient_id FROM new_rows UNION SELECT patient_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    // Archiving a patient takes their courses off the reports.
    await q.query(`
      CREATE FUNCTION course_facts_archived() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE course_facts f SET archived = n.archived
          FROM new_rows n WHERE f.patient_id = n.id AND f.archived IS DISTINCT FROM n.archived;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER patients_facts_update AFTER UPDATE ON patients REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION course_facts_archived()`,
    );
    for (const [table, fn] of [
      ['courses', 'course_facts_by_patient'],
      ['scans', 'course_facts_by_patient'],
      ['sessions', 'course_facts_by_course'],
      ['outcomes', 'course_facts_by_course'],
    ]) {
      await q.query(
        `CREATE TRIGGER ${table}_facts_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_facts_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_facts_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }

    // Backfill every course there is.
    await q.query(`SELECT refresh_course_facts(ARRAY(SELECT DISTINCT patient_id FROM courses))`);
    await q.query(`ANALYZE course_facts`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER patients_facts_update ON patients`);
    for (const table of ['outcomes', 'sessions', 'scans', 'courses']) {
      for (const event of ['delete', 'update', 'insert']) await q.query(`DROP TRIGGER ${table}_facts_${event} ON ${table}`);
    }
    await q.query(`DROP FUNCTION course_facts_archived`);
    await q.query(`DROP FUNCTION course_facts_by_patient`);
    await q.query(`DROP FUNCTION course_facts_by_course`);
    await q.query(`DROP FUNCTION refresh_course_facts`);
    await q.query(`DROP TABLE course_facts`);
  }
}
