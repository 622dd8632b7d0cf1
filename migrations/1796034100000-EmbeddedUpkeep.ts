import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things the embedded database was slow at (issue 14).
 *
 * 1. `analyze_changed_tables()`: the embedded database (PGlite) has no autovacuum, so its planner
 *    statistics stayed those of the day each table was created, empty. With a few thousand
 *    sessions, completing one planned index scans over every completed session of the clinic
 *    (45 ms instead of 1 ms per statement, measured). The API on the embedded database calls
 *    this every minute; it analyzes each table autovacuum's own default rule would have (more
 *    rows changed since its last analysis than 50 + 10 % of it), or never analyzed. SECURITY
 *    DEFINER, as only a table's owner may analyze it and the API's role owns nothing; the API's
 *    role may run it and nothing else may.
 * 2. The course-facts triggers are per statement, so they also fire for a statement that changed
 *    no row, as completing a session does with its course when the course goes on: they now
 *    skip the refresh then (7 to 10 ms of each completion on the embedded database).
 */
export class EmbeddedUpkeep1796034100000 implements MigrationInterface {
  name = 'EmbeddedUpkeep1796034100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION analyze_changed_tables() RETURNS text[] LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        t record;
        analyzed text[] := '{}';
      BEGIN
        FOR t IN
          SELECT s.schemaname, s.relname
            FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
           WHERE s.schemaname = 'public'
             AND (coalesce(s.last_analyze, s.last_autoanalyze) IS NULL OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0))
           ORDER BY s.relname
        LOOP
          EXECUTE format('ANALYZE %I.%I', t.schemaname, t.relname);
          analyzed := analyzed || t.relname::text;
        END LOOP;
        RETURN analyzed;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION analyze_changed_tables() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION analyze_changed_tables() TO venule_app`);
    await q.query(courseFactsTrigger('course_facts_by_course', BY_COURSE, true));
    await q.query(courseFactsTrigger('course_facts_by_patient', BY_PATIENT, true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(courseFactsTrigger('course_facts_by_patient', BY_PATIENT, false));
    await q.query(courseFactsTrigger('course_facts_by_course', BY_COURSE, false));
    await q.query(`DROP FUNCTION analyze_changed_tables()`);
  }
}

/** The patients whose course facts a statement touched, for each event (as CourseFacts1796033200000 wrote them). */
const BY_COURSE = {
  insert: `SELECT DISTINCT c.patient_id FROM new_rows n JOIN courses c ON c.id = n.course_id`,
  delete: `SELECT DISTINCT c.patient_id FROM old_rows o JOIN courses c ON c.id = o.course_id`,
  update: `SELECT DISTINCT c.patient_id FROM (SELECT course_id FROM new_rows UNION SELECT course_id FROM old_rows) r JOIN courses c ON c.id = r.course_id`,
};
const BY_PATIENT = {
  insert: `SELECT DISTINCT patient_id FROM new_rows`,
  delete: `SELECT DISTINCT patient_id FROM old_rows`,
  update: `SELECT patient_id FROM new_rows UNION SELECT patient_id FROM old_rows`,
};

function courseFactsTrigger(name: string, patients: typeof BY_COURSE, skipEmpty: boolean): string {
  const refresh = (sql: string) =>
    skipEmpty
      ? `patient_ids := ARRAY(${sql});
          IF cardinality(patient_ids) > 0 THEN PERFORM refresh_course_facts(patient_ids); END IF;`
      : `PERFORM refresh_course_facts(ARRAY(${sql}));`;
  return `
      CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        patient_ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${refresh(patients.insert)}
        ELSIF TG_OP = 'DELETE' THEN
          ${refresh(patients.delete)}
        ELSE
          ${refresh(patients.update)}
        END IF;
        RETURN NULL;
      END $$`;
}
