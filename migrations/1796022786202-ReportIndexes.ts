import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the managers' reports read (apps/api/src/reports/reports.repository.ts), each
 * covering what its query touches so the planner can answer from the index alone.
 */
export class ReportIndexes1796022786202 implements MigrationInterface {
  name = 'ReportIndexes1796022786202';

  async up(q: QueryRunner): Promise<void> {
    // Course progress and the recall list: per active course, its completed and booked sessions.
    await q.query(`
      CREATE INDEX sessions_course_facts ON sessions (course_id)
      INCLUDE (status, completed_on, completed_at, completed_by, scheduled_for)
      WHERE status IN ('completed', 'scheduled')`);
    await q.query(`
      CREATE INDEX courses_active_facts ON courses (patient_id)
      INCLUDE (legs, planned_sessions, created_at, created_by) WHERE status = 'active'`);
    // Outcomes over a period: sessions given, attendance, ratings and courses closed in it.
    await q.query(
      `CREATE INDEX sessions_completed_by_day ON sessions (completed_on) INCLUDE (completed_by, course_id) WHERE status = 'completed'`,
    );
    await q.query(`
      CREATE INDEX sessions_attendance ON sessions (scheduled_for)
      INCLUDE (status, completed_by, clinician_id) WHERE status IN ('completed', 'did_not_attend')`);
    await q.query(`CREATE INDEX outcomes_assessed_idx ON outcomes (assessed_on) INCLUDE (course_id, rated_by, improvement_percent)`);
    await q.query(`CREATE INDEX courses_closed_idx ON courses (closed_at) WHERE status <> 'active'`);
    // The recall list: scans old enough to run out soon.
    await q.query(`CREATE INDEX scans_performed_on ON scans (performed_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX scans_performed_on`);
    await q.query(`DROP INDEX courses_closed_idx`);
    await q.query(`DROP INDEX outcomes_assessed_idx`);
    await q.query(`DROP INDEX sessions_attendance`);
    await q.query(`DROP INDEX sessions_completed_by_day`);
    await q.query(`DROP INDEX courses_active_facts`);
    await q.query(`DROP INDEX sessions_course_facts`);
  }
}
