import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns reception's name search reads, in a narrow table of their own kept by triggers
 * (issue 14). A common surname matches thousands of patients ("evans": 3,054 of 100,000), and the
 * search ranks and counts every match: on `patients`, whose rows carry every demographic column,
 * that visited 2,250 heap pages for 3,054 rows. Here a row is about 80 bytes, the whole table 963
 * pages at 100,000 patients, and the same statement took a third less (9.5 -> 6.4 ms median).
 * `patients` keeps its own columns and indexes for every other search shape and for the fuzzy
 * fallback; only the substring match of a name fragment reads this table.
 */
export class PatientNames1796034200000 implements MigrationInterface {
  name = 'PatientNames1796034200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patient_names (
        id uuid PRIMARY KEY REFERENCES patients (id) ON DELETE CASCADE,
        archived boolean NOT NULL,
        search_name text NOT NULL,
        search_last text NOT NULL,
        search_first text NOT NULL,
        date_of_birth date NOT NULL
      )`);
    await q.query(`CREATE INDEX patient_names_trgm ON patient_names USING gin (search_name gin_trgm_ops) WITH (fastupdate = off)`);
    await q.query(`
      CREATE FUNCTION patient_names_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO patient_names (id, archived, search_name, search_last, search_first, date_of_birth)
        VALUES (NEW.id, NEW.archived, NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth)
        ON CONFLICT (id) DO UPDATE SET archived = EXCLUDED.archived, search_name = EXCLUDED.search_name,
          search_last = EXCLUDED.search_last, search_first = EXCLUDED.search_first, date_of_birth = EXCLUDED.date_of_birth;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER patient_names_insert AFTER INSERT ON patients
        FOR EACH ROW EXECUTE FUNCTION patient_names_follow()`);
    // Only when a searched column changed: a contact edit writes no second row.
    await q.query(`
      CREATE TRIGGER patient_names_update AFTER UPDATE ON patients
        FOR EACH ROW WHEN ((OLD.search_name, OLD.search_last, OLD.search_first, OLD.date_of_birth, OLD.archived)
          IS DISTINCT FROM (NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth, NEW.archived))
        EXECUTE FUNCTION patient_names_follow()`);
    await q.query(`
      INSERT INTO patient_names (id, archived, search_name, search_last, search_first, date_of_birth)
      SELECT id, archived, search_name, search_last, search_first, date_of_birth FROM patients`);
    await q.query(`ANALYZE patient_names`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE patient_names`);
    await q.query(`DROP FUNCTION patient_names_follow()`);
  }
}
