import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a patient wants to hear from the clinic (SPEC §2 Message, issue 13): by email, by text
 * message, or not at all (opted out). Existing patients keep what the outbox already did for them:
 * email when they gave an address, else a text message. The chosen way must have its address.
 */
export class ContactPreference1796033650000 implements MigrationInterface {
  name = 'ContactPreference1796033650000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients ADD COLUMN contact_preference text NOT NULL DEFAULT 'email'
                     CHECK (contact_preference IN ('email', 'sms', 'none'))`);
    await q.query(`UPDATE patients SET contact_preference = 'sms' WHERE email IS NULL`);
    await q.query(`ALTER TABLE patients ADD CONSTRAINT patients_preference_reachable
                     CHECK ((contact_preference <> 'email' OR email IS NOT NULL) AND (contact_preference <> 'sms' OR phone IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients DROP CONSTRAINT patients_preference_reachable`);
    await q.query(`ALTER TABLE patients DROP COLUMN contact_preference`);
  }
}
