import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The treatment time (SPEC §1.9): a session may be recorded up to `late_entry_days` after the
 * treatment was given, so `treated_at` (when it was given; `completed_on` is its clinic date) is
 * kept apart from `completed_at` (when it was recorded). The audit trail keeps both: its row's `at`
 * is when the change was written, `occurred_at` when what it records happened.
 */
export class TreatmentTime1764029200000 implements MigrationInterface {
  name = 'TreatmentTime1764029200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clinic_settings
      ADD COLUMN late_entry_days int NOT NULL DEFAULT 7 CHECK (late_entry_days BETWEEN 0 AND 31)`);
    await q.query(`ALTER TABLE sessions ADD COLUMN treated_at timestamptz`);
    await q.query(`UPDATE sessions SET treated_at = completed_at WHERE status = 'completed'`);
    await q.query(`ALTER TABLE sessions
      ADD CONSTRAINT sessions_treated_at CHECK ((status = 'completed') = (treated_at IS NOT NULL) AND treated_at <= completed_at)`);
    // The interval is per leg across a patient's courses: completed treatments by patient come
    // through courses_patient_idx, then the course's completed sessions.
    await q.query(`CREATE INDEX sessions_course_completed_idx ON sessions (course_id, completed_on) WHERE status = 'completed'`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN occurred_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN occurred_at`);
    await q.query(`DROP INDEX sessions_course_completed_idx`);
    await q.query(`ALTER TABLE sessions DROP CONSTRAINT sessions_treated_at, DROP COLUMN treated_at`);
    await q.query(`ALTER TABLE clinic_settings DROP COLUMN late_entry_days`);
  }
}
