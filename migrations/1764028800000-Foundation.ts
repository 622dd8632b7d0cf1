import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff, their sessions, clinic settings, rate-limit counters and the append-only audit trail. */
export class Foundation1764028800000 implements MigrationInterface {
  name = 'Foundation1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE clinic_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        time_zone text NOT NULL DEFAULT 'Europe/London',
        session_idle_minutes int NOT NULL DEFAULT 30 CHECK (session_idle_minutes BETWEEN 5 AND 720),
        scan_validity_months int NOT NULL DEFAULT 12 CHECK (scan_validity_months BETWEEN 1 AND 60),
        min_interval_days int NOT NULL DEFAULT 28 CHECK (min_interval_days BETWEEN 1 AND 365),
        max_interval_days int NOT NULL DEFAULT 84 CHECK (max_interval_days BETWEEN 1 AND 730),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (max_interval_days >= min_interval_days)
      )`);
    await q.query(`INSERT INTO clinic_settings DEFAULT VALUES`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%@%'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 2 AND 120),
        role text NOT NULL CHECK (role IN ('reception', 'clinician', 'manager', 'admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await q.query(`
      CREATE TABLE staff_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        ip text NOT NULL,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id)`);

    await q.query(`
      CREATE TABLE rate_limit_counters (
        key text PRIMARY KEY,
        hits int NOT NULL,
        window_ends_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users (id),
        action text NOT NULL CHECK (action IN ('create', 'read', 'update', 'delete', 'sign', 'login', 'logout', 'export')),
        entity text NOT NULL,
        entity_id text,
        patient_id uuid,
        fields text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_events_patient_idx ON audit_events (patient_id, at DESC) WHERE patient_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at DESC)`);
    await q.query(`CREATE INDEX audit_events_at_idx ON audit_events (at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only`);
    await q.query(`DROP TABLE rate_limit_counters`);
    await q.query(`DROP TABLE staff_sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE clinic_settings`);
  }
}
