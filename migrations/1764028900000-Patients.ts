import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Patients, their medical history, and the indexes reception's search lives on. */
export class Patients1764028900000 implements MigrationInterface {
  name = 'Patients1764028900000';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is only STABLE, so an index needs an IMMUTABLE wrapper naming its dictionary.
    await q.query(`
      CREATE FUNCTION venule_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await q.query(`CREATE SEQUENCE patient_clinic_number_seq START 1001`);
    await q.query(`
      CREATE TABLE patients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        clinic_number text NOT NULL UNIQUE DEFAULT ('VN-' || lpad(nextval('patient_clinic_number_seq')::text, 6, '0')),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
        date_of_birth date NOT NULL CHECK (date_of_birth >= DATE '1900-01-01'),
        sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        phone text NOT NULL,
        phone_digits text GENERATED ALWAYS AS (regexp_replace(phone, '\\D', '', 'g')) STORED,
        email text NOT NULL,
        address text,
        postcode text,
        gp_name text,
        archived boolean NOT NULL DEFAULT false,
        search_name text GENERATED ALWAYS AS (venule_fold(first_name || ' ' || last_name)) STORED,
        created_by uuid REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX patients_search_name_trgm ON patients USING gin (search_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX patients_last_name_prefix ON patients (venule_fold(last_name) text_pattern_ops)`);
    await q.query(`CREATE INDEX patients_dob ON patients (date_of_birth)`);
    await q.query(`CREATE INDEX patients_phone_digits ON patients (phone_digits text_pattern_ops)`);
    await q.query(`CREATE INDEX patients_name_dob ON patients (venule_fold(last_name), venule_fold(first_name), date_of_birth)`);

    await q.query(`
      CREATE TABLE medical_histories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL UNIQUE REFERENCES patients (id),
        conditions text[] NOT NULL DEFAULT '{}',
        acknowledgements jsonb NOT NULL DEFAULT '{}',
        weight_kg numeric(5, 1) CHECK (weight_kg BETWEEN 20 AND 350),
        weight_measured_on date,
        ceap jsonb,
        recorded_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((weight_kg IS NULL) = (weight_measured_on IS NULL))
      )`);
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_patient_fk FOREIGN KEY (patient_id) REFERENCES patients (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_patient_fk`);
    await q.query(`DROP TABLE medical_histories`);
    await q.query(`DROP TABLE patients`);
    await q.query(`DROP SEQUENCE patient_clinic_number_seq`);
    await q.query(`DROP FUNCTION venule_fold(text)`);
  }
}
