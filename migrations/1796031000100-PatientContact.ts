import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A patient may give only a phone number or only an email address, but at least one (issue 15). */
export class PatientContact1796031000100 implements MigrationInterface {
  name = 'PatientContact1796031000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients ALTER COLUMN phone DROP NOT NULL, ALTER COLUMN email DROP NOT NULL`);
    await q.query(`ALTER TABLE patients ADD CONSTRAINT patients_reachable CHECK (phone IS NOT NULL OR email IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients DROP CONSTRAINT patients_reachable`);
    await q.query(`ALTER TABLE patients ALTER COLUMN phone SET NOT NULL, ALTER COLUMN email SET NOT NULL`);
  }
}
