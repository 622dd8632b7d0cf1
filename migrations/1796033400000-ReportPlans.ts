import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things the managers' outcomes report measured at 100,000 patients:
 * - PostgreSQL's JIT compiler switched on for a statement whose row estimate ran high (the month
 *   ends of the overdue-over-time chart) and spent 34 ms of its 115 ms compiling. Venule's
 *   statements are short; none gains from JIT, so the database has it off.
 * - Adverse events per session counted their sessions by visiting 110,000 rows of the table for a
 *   year; the completed-sessions-by-day index now carries the session id, so it is answered from
 *   the index (74 ms → 30 ms).
 */
export class ReportPlans1796033400000 implements MigrationInterface {
  name = 'ReportPlans1796033400000';

  async up(q: QueryRunner): Promise<void> {
    // A role that does not own the database cannot change its defaults: then JIT stays as the
    // server has it, which changes speed only, so the migration goes on.
    await q.query(`DO $$
      BEGIN
        EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'JIT left as the server sets it: only the owner of the database can switch it off';
      END $$`);
    await q.query(`DROP INDEX sessions_completed_by_day`);
    await q.query(
      `CREATE INDEX sessions_completed_by_day ON sessions (completed_on) INCLUDE (completed_by, course_id, id) WHERE status = 'completed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sessions_completed_by_day`);
    await q.query(
      `CREATE INDEX sessions_completed_by_day ON sessions (completed_on) INCLUDE (completed_by, course_id) WHERE status = 'completed'`,
    );
    await q.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$`);
  }
}
