import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role the API runs as (`venule_app`), separate from the role that owns the schema and runs
 * migrations. It may read and write ordinary tables but only INSERT and SELECT the audit trail,
 * and owns nothing, so it cannot ALTER, TRUNCATE or disable the trigger of any table.
 *
 * Roles belong to the whole server, not to one database: the role is created only if missing (and
 * a concurrent migration of another database creating it too is not an error), and never dropped.
 * Tables created by later migrations get the ordinary grants through default privileges; a later
 * append-only table must revoke UPDATE and DELETE itself.
 */
export class RuntimeRole1796021632790 implements MigrationInterface {
  name = 'RuntimeRole1796021632790';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'venule_app') THEN
          BEGIN
            CREATE ROLE venule_app NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
        -- With one URL for both, the owner's own connections must be able to SET ROLE venule_app.
        IF NOT pg_has_role(current_user, 'venule_app', 'MEMBER') THEN
          BEGIN
            EXECUTE format('GRANT venule_app TO %I', current_user);
          EXCEPTION WHEN insufficient_privilege THEN NULL;
          END;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO venule_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO venule_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO venule_app`);
    await q.query(`REVOKE UPDATE, DELETE ON audit_events FROM venule_app`);
    await q.query(`REVOKE ALL ON migrations FROM venule_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO venule_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO venule_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM venule_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM venule_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM venule_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM venule_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM venule_app`);
  }
}
