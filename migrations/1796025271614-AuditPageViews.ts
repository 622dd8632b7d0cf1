import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One dashboard page view is one "viewed" row: the reads a page makes carry its view id, and the
 * unique index lets only the first read of a patient in that view insert a row (the others are
 * covered by it; see platform/audit/audit.service.ts). Rows stay append-only.
 */
export class AuditPageViews1796025271614 implements MigrationInterface {
  name = 'AuditPageViews1796025271614';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN view_id uuid`);
    await q.query(
      `CREATE UNIQUE INDEX audit_events_one_read_per_view ON audit_events (view_id, actor_id, patient_id) WHERE view_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_one_read_per_view`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN view_id`);
  }
}
