import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed and throttled sign-ins join sign-in and sign-out in the audit trail, with the network
 * address they came from (the actor of a failed sign-in is unknown; the address is the lead).
 */
export class SignInAudit1796021632791 implements MigrationInterface {
  name = 'SignInAudit1796021632791';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN
      ('create', 'read', 'update', 'delete', 'sign', 'login', 'logout', 'login_failed', 'login_throttled', 'export'))`);
    await q.query(`ALTER TABLE audit_events ADD COLUMN address text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP COLUMN address`);
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check`);
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN
      ('create', 'read', 'update', 'delete', 'sign', 'login', 'logout', 'export'))`);
  }
}
