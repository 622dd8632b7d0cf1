import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search and integrity extras for the patient registry:
 * - phone numbers are matched on their trailing digits ("07700 900123" and "+44 7700 900123" are
 *   the same phone), so an index on the reversed digits turns that suffix match into a prefix scan;
 * - a prefix index on the folded full name serves first-name prefixes and one- or two-letter
 *   queries, which the trigram index cannot;
 * - a phone has 6–15 digits (E.164 allows at most 15); a postcode is stored upper-case.
 */
export class PatientSearchExtras1764028950000 implements MigrationInterface {
  name = 'PatientSearchExtras1764028950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX patients_phone_digits_reversed ON patients (reverse(phone_digits) text_pattern_ops)`);
    await q.query(`CREATE INDEX patients_search_name_prefix ON patients (search_name text_pattern_ops)`);
    await q.query(`ALTER TABLE patients ADD CONSTRAINT patients_phone_digits_length CHECK (length(phone_digits) BETWEEN 6 AND 15)`);
    await q.query(`ALTER TABLE patients ADD CONSTRAINT patients_postcode_upper CHECK (postcode IS NULL OR postcode = upper(postcode))`);
    await q.query(`ALTER TABLE patients ADD CONSTRAINT patients_email_shape CHECK (email LIKE '%_@_%')`);
    await q.query(
      `ALTER TABLE medical_histories ADD CONSTRAINT medical_histories_ceap_object CHECK (ceap IS NULL OR jsonb_typeof(ceap) = 'object')`,
    );
    await q.query(
      `ALTER TABLE medical_histories ADD CONSTRAINT medical_histories_ack_object CHECK (jsonb_typeof(acknowledgements) = 'object')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE medical_histories DROP CONSTRAINT medical_histories_ack_object`);
    await q.query(`ALTER TABLE medical_histories DROP CONSTRAINT medical_histories_ceap_object`);
    await q.query(`ALTER TABLE patients DROP CONSTRAINT patients_email_shape`);
    await q.query(`ALTER TABLE patients DROP CONSTRAINT patients_postcode_upper`);
    await q.query(`ALTER TABLE patients DROP CONSTRAINT patients_phone_digits_length`);
    await q.query(`DROP INDEX patients_search_name_prefix`);
    await q.query(`DROP INDEX patients_phone_digits_reversed`);
  }
}
