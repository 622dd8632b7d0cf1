import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The front desk (SPEC §2): consultations with their payment ledger, public enquiries, and ONE
 * diary. Sessions and consultations each keep their own table; every live booking of a clinician
 * also owns one row of `appointments`, written by triggers on both tables, and an exclusion
 * constraint there refuses overlapping times across the two kinds. Triggers (not the services)
 * keep the diary in step, so no code path that books, moves, cancels or completes can forget it.
 */
export class FrontDesk1764029300000 implements MigrationInterface {
  name = 'FrontDesk1764029300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clinic_settings
      ADD COLUMN clinic_name text NOT NULL DEFAULT 'Venule Vein Clinic' CHECK (length(btrim(clinic_name)) BETWEEN 1 AND 120),
      ADD COLUMN named_doctor_fee_pence int NOT NULL DEFAULT 5000 CHECK (named_doctor_fee_pence BETWEEN 0 AND 1000000),
      ADD COLUMN consultation_deposit_pence int NOT NULL DEFAULT 2500 CHECK (consultation_deposit_pence >= 0),
      ADD CONSTRAINT clinic_settings_deposit_within_fee CHECK (consultation_deposit_pence <= named_doctor_fee_pence)`);

    // The fee and deposit are copied from the settings at booking: changing the price list later
    // does not change what a booked patient was quoted.
    await q.query(`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        clinician_id uuid REFERENCES users (id),
        type text NOT NULL CHECK (type IN ('free', 'named_doctor')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_deposit', 'booked', 'attended', 'cancelled', 'did_not_attend')),
        fee_pence int NOT NULL CHECK (fee_pence >= 0),
        deposit_pence int NOT NULL CHECK (deposit_pence >= 0 AND deposit_pence <= fee_pence),
        status_reason text CHECK (status_reason IS NULL OR length(status_reason) <= 500),
        status_changed_at timestamptz,
        status_changed_by uuid REFERENCES users (id),
        booked_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consultations_ends_after_start CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '8 hours'),
        CONSTRAINT consultations_free_is_free CHECK (
          type = 'named_doctor' OR (fee_pence = 0 AND deposit_pence = 0 AND status <> 'awaiting_deposit')),
        CONSTRAINT consultations_named_doctor CHECK (type = 'free' OR clinician_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX consultations_patient_idx ON consultations (patient_id, starts_at)`);
    await q.query(`CREATE INDEX consultations_starts_idx ON consultations (starts_at)`);

    // Money in integer pence, in a ledger that is never edited: a mistake is corrected by a reversal.
    await q.query(`
      CREATE TABLE consultation_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations (id),
        kind text NOT NULL CHECK (kind IN ('deposit', 'balance', 'reversal')),
        amount_pence int NOT NULL CHECK (amount_pence BETWEEN 1 AND 1000000),
        method text NOT NULL CHECK (method IN ('card', 'cash', 'transfer')),
        reference text CHECK (reference IS NULL OR length(btrim(reference)) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX consultation_payments_consultation_idx ON consultation_payments (consultation_id, recorded_at)`);
    await q.query(`
      CREATE FUNCTION consultation_payments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the payment ledger is append-only: % refused (record a reversal)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER consultation_payments_append_only BEFORE UPDATE OR DELETE ON consultation_payments
      FOR EACH ROW EXECUTE FUNCTION consultation_payments_append_only()`);
    await q.query(`
      CREATE TRIGGER consultation_payments_no_truncate BEFORE TRUNCATE ON consultation_payments
      FOR EACH STATEMENT EXECUTE FUNCTION consultation_payments_append_only()`);

    // The one diary. A row per live booking (a scheduled session, a consultation awaiting its
    // deposit or booked) of a named clinician.
    await q.query(`
      CREATE TABLE appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        clinician_id uuid NOT NULL REFERENCES users (id),
        during tstzrange NOT NULL CHECK (NOT isempty(during)),
        session_id uuid UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
        consultation_id uuid UNIQUE REFERENCES consultations (id) ON DELETE CASCADE,
        CONSTRAINT appointments_one_owner CHECK (num_nonnulls(session_id, consultation_id) = 1),
        CONSTRAINT appointments_clinician_no_overlap EXCLUDE USING gist (clinician_id WITH =, during WITH &&)
      )`);
    await q.query(`
      CREATE FUNCTION sessions_in_diary() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM appointments WHERE session_id = NEW.id;
        IF NEW.status = 'scheduled' AND NEW.clinician_id IS NOT NULL THEN
          INSERT INTO appointments (clinician_id, during, session_id)
          VALUES (NEW.clinician_id, tstzrange(NEW.scheduled_for, NEW.ends_at), NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER sessions_in_diary AFTER INSERT OR UPDATE OF status, clinician_id, scheduled_for, ends_at ON sessions
      FOR EACH ROW EXECUTE FUNCTION sessions_in_diary()`);
    await q.query(`
      CREATE FUNCTION consultations_in_diary() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM appointments WHERE consultation_id = NEW.id;
        IF NEW.status IN ('awaiting_deposit', 'booked') AND NEW.clinician_id IS NOT NULL THEN
          INSERT INTO appointments (clinician_id, during, consultation_id)
          VALUES (NEW.clinician_id, tstzrange(NEW.starts_at, NEW.ends_at), NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER consultations_in_diary AFTER INSERT OR UPDATE OF status, clinician_id, starts_at, ends_at ON consultations
      FOR EACH ROW EXECUTE FUNCTION consultations_in_diary()`);
    await q.query(`
      INSERT INTO appointments (clinician_id, during, session_id)
      SELECT clinician_id, tstzrange(scheduled_for, ends_at), id FROM sessions WHERE status = 'scheduled' AND clinician_id IS NOT NULL`);

    // Stored whole, as the public sent it; at least one way to reach the person.
    await q.query(`
      CREATE TABLE enquiries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
        phone text CHECK (phone IS NULL OR length(phone) BETWEEN 6 AND 40),
        message text NOT NULL CHECK (length(btrim(message)) BETWEEN 1 AND 5000),
        preferred_clinician text CHECK (preferred_clinician IS NULL OR length(preferred_clinician) <= 200),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'booked', 'closed')),
        note text CHECK (note IS NULL OR length(note) <= 2000),
        patient_id uuid REFERENCES patients (id),
        consultation_id uuid REFERENCES consultations (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enquiries_contact CHECK (email IS NOT NULL OR phone IS NOT NULL),
        CONSTRAINT enquiries_converted_is_booked CHECK (consultation_id IS NULL OR status = 'booked')
      )`);
    await q.query(`CREATE INDEX enquiries_status_idx ON enquiries (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE enquiries`);
    await q.query(`DROP TRIGGER consultations_in_diary ON consultations`);
    await q.query(`DROP TRIGGER sessions_in_diary ON sessions`);
    await q.query(`DROP FUNCTION consultations_in_diary`);
    await q.query(`DROP FUNCTION sessions_in_diary`);
    await q.query(`DROP TABLE appointments`);
    await q.query(`DROP TABLE consultation_payments`);
    await q.query(`DROP FUNCTION consultation_payments_append_only`);
    await q.query(`DROP TABLE consultations`);
    await q.query(`ALTER TABLE clinic_settings DROP CONSTRAINT clinic_settings_deposit_within_fee,
      DROP COLUMN consultation_deposit_pence, DROP COLUMN named_doctor_fee_pence, DROP COLUMN clinic_name`);
  }
}
