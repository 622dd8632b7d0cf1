import type { MigrationInterface, QueryRunner } from 'typeorm';

const FINDINGS = [
  'gsv_reflux',
  'ssv_reflux',
  'accessory_saphenous_reflux',
  'perforator_incompetence',
  'deep_reflux',
  'deep_obstruction',
  'dvt',
  'reticular_veins',
  'telangiectasia',
];
/** Findings of underlying venous disease: a leg concluded `clear` never carries one. */
const DISEASE = FINDINGS.slice(0, 7);
const list = (codes: string[]) => `ARRAY[${codes.map((c) => `'${c}'`).join(', ')}]::text[]`;

/** Duplex scans, one row per scanned leg, and scan report files (their bytes live in the file store). */
export class Scans1764029000000 implements MigrationInterface {
  name = 'Scans1764029000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Recording order: on the same scan date the scan recorded later decides.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        patient_id uuid NOT NULL REFERENCES patients (id),
        performed_on date NOT NULL CHECK (performed_on >= DATE '1990-01-01'),
        performed_by text NOT NULL CHECK (length(btrim(performed_by)) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The latest scans of a patient first: clearance and the scan list read it this way.
    await q.query(`CREATE INDEX scans_patient_latest ON scans (patient_id, performed_on DESC, seq DESC)`);

    await q.query(`
      CREATE TABLE scan_legs (
        scan_id uuid NOT NULL REFERENCES scans (id),
        leg text NOT NULL CHECK (leg IN ('left', 'right')),
        findings text[] NOT NULL DEFAULT '{}' CHECK (findings <@ ${list(FINDINGS)}),
        notes text CHECK (length(notes) <= 2000),
        conclusion text NOT NULL CHECK (conclusion IN ('clear', 'underlying_disease', 'inconclusive')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scan_id, leg),
        CONSTRAINT scan_legs_clear_without_disease CHECK (conclusion <> 'clear' OR NOT (findings && ${list(DISEASE)}))
      )`);

    await q.query(`
      CREATE TABLE scan_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scan_id uuid NOT NULL REFERENCES scans (id),
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scan_files_scan ON scan_files (scan_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scan_files`);
    await q.query(`DROP TABLE scan_legs`);
    await q.query(`DROP TABLE scans`);
  }
}
