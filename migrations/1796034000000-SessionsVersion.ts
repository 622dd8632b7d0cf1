import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A count of the writes to a patient's sessions (booking, completing, moving), so that booking and
 * completing can check their facts optimistically in one statement instead of locking the patient
 * for a transaction (issue 14): the write goes ahead only if the count is still the one read with
 * the facts, and raises it. The writers that lock the patient raise it too, so any of them
 * committed or in flight in between makes the write start again on fresh facts.
 */
export class SessionsVersion1796034000000 implements MigrationInterface {
  name = 'SessionsVersion1796034000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients ADD COLUMN sessions_version int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients DROP COLUMN sessions_version`);
  }
}
