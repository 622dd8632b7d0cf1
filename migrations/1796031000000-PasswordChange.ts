import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An admin's password reset forces a change at the next sign-in (issue 15). */
export class PasswordChange1796031000000 implements MigrationInterface {
  name = 'PasswordChange1796031000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
