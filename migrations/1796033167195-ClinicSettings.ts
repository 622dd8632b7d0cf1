import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the clinic settings (SPEC: every *setting*): the clinic's identity as printed for
 * patients, its opening hours, and the weekdays each clinician works; and the audit trail's record
 * of a settings change with its values before and after (settings hold no patient data, so their
 * values may be kept, unlike a patient's fields).
 *
 * Only columns are added, to tables venule_app already reads and writes (RuntimeRole's grants are
 * per table, so new columns are covered).
 */
export class ClinicSettings1796033167195 implements MigrationInterface {
  name = 'ClinicSettings1796033167195';

  async up(q: QueryRunner): Promise<void> {
    // A fresh clinic has no address, numbers or opening hours yet: empty (hours null, so no booking
    // warns about them) until an admin fills them in.
    await q.query(`ALTER TABLE clinic_settings
      ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
      ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
      ADD COLUMN out_of_hours_phone text NOT NULL DEFAULT '' CHECK (length(out_of_hours_phone) <= 40),
      ADD COLUMN opening_hours jsonb CHECK (opening_hours IS NULL OR jsonb_typeof(opening_hours) = 'object')`);
    // Every day until an admin says otherwise, so no booking made before this warns for it.
    await q.query(`ALTER TABLE users
      ADD COLUMN working_days text[] NOT NULL DEFAULT '{monday,tuesday,wednesday,thursday,friday,saturday,sunday}'
        CHECK (working_days <@ '{monday,tuesday,wednesday,thursday,friday,saturday,sunday}'::text[])`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN changes jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN changes`);
    await q.query(`ALTER TABLE users DROP COLUMN working_days`);
    await q.query(
      `ALTER TABLE clinic_settings DROP COLUMN opening_hours, DROP COLUMN out_of_hours_phone, DROP COLUMN phone, DROP COLUMN address`,
    );
  }
}
