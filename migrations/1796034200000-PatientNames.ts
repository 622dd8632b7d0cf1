import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns reception's name search reads, in narrow tables of their own kept by a trigger on
 * `patients` (issue 14). A common surname matches thousands of patients ("evans": 3,054 of 100,000),
 * and the search ranks and counts every match.
 *
 * - `patient_names`: the searched columns of every patient, about 80 bytes a row. The substring
 *   match of name fragments reads it instead of `patients`, whose rows carry every demographic
 *   column: for "evans", 921 heap pages visited instead of 2,250, and the statement a third
 *   quicker (9.5 -> 6.4 ms median). `patient_names_live_order` is the search order of unarchived
 *   patients, so a surname's matches come sorted from the index and are counted without the heap.
 * - `patient_name_suffixes`: every suffix of three letters or more of an unarchived patient's
 *   folded name, whether it is where the last name starts, and the columns the rank and the search
 *   order read. A name contains a word exactly when one of its suffixes starts with it, so a
 *   one-word search finds its matches in a btree range, read from the index alone
 *   (`oneWordSearchSql`): "evans" 3.7 ms median instead of 11.1 on `patients`. About ten rows a
 *   patient: at 100,000 patients 965,000 rows, 81 MB and 91 MB of indexes, which a clinic's
 *   name search is worth.
 *
 * `patients` keeps its own columns and indexes for every other search shape and for the fuzzy
 * fallback.
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
    await q.query(
      `CREATE INDEX patient_names_live_order ON patient_names (search_last, search_first, date_of_birth, id) WHERE NOT archived`,
    );
    await q.query(`
      CREATE TABLE patient_name_suffixes (
        patient_id uuid NOT NULL REFERENCES patient_names (id) ON DELETE CASCADE,
        starts_last boolean NOT NULL,
        suffix text COLLATE "C" NOT NULL,
        search_name text NOT NULL,
        search_last text NOT NULL,
        search_first text NOT NULL,
        date_of_birth date NOT NULL
      )`);
    // With what the rank and the search order read, so that a search reads the index only.
    await q.query(`
      CREATE INDEX patient_name_suffixes_range ON patient_name_suffixes (starts_last, suffix)
        INCLUDE (patient_id, search_name, search_last, search_first, date_of_birth)`);
    await q.query(`CREATE INDEX patient_name_suffixes_patient ON patient_name_suffixes (patient_id)`);
    // search_name is search_first, a space and search_last (venule_fold works letter by letter), so
    // the one suffix equal to search_last is where the last name starts.
    await q.query(`
      CREATE FUNCTION venule_name_suffixes(name text, last text) RETURNS TABLE (starts_last boolean, suffix text)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT substr(name, i) = last, substr(name, i) FROM generate_series(1, length(name) - 2) i
      $$`);
    await q.query(`
      CREATE FUNCTION patient_names_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO patient_names (id, archived, search_name, search_last, search_first, date_of_birth)
        VALUES (NEW.id, NEW.archived, NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth)
        ON CONFLICT (id) DO UPDATE SET archived = EXCLUDED.archived, search_name = EXCLUDED.search_name,
          search_last = EXCLUDED.search_last, search_first = EXCLUDED.search_first, date_of_birth = EXCLUDED.date_of_birth;
        DELETE FROM patient_name_suffixes WHERE patient_id = NEW.id;
        IF NOT NEW.archived THEN
          INSERT INTO patient_name_suffixes (patient_id, starts_last, suffix, search_name, search_last, search_first, date_of_birth)
          SELECT NEW.id, s.starts_last, s.suffix, NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth
            FROM venule_name_suffixes(NEW.search_name, NEW.search_last) s;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER patient_names_insert AFTER INSERT ON patients
        FOR EACH ROW EXECUTE FUNCTION patient_names_follow()`);
    // Only when a searched column changed: a contact edit writes nothing here.
    await q.query(`
      CREATE TRIGGER patient_names_update AFTER UPDATE ON patients
        FOR EACH ROW WHEN ((OLD.search_name, OLD.search_last, OLD.search_first, OLD.date_of_birth, OLD.archived)
          IS DISTINCT FROM (NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth, NEW.archived))
        EXECUTE FUNCTION patient_names_follow()`);
    await q.query(`
      INSERT INTO patient_names (id, archived, search_name, search_last, search_first, date_of_birth)
      SELECT id, archived, search_name, search_last, search_first, date_of_birth FROM patients`);
    await q.query(`
      INSERT INTO patient_name_suffixes (patient_id, starts_last, suffix, search_name, search_last, search_first, date_of_birth)
      SELECT p.id, s.starts_last, s.suffix, p.search_name, p.search_last, p.search_first, p.date_of_birth
        FROM patient_names p, venule_name_suffixes(p.search_name, p.search_last) s
       WHERE NOT p.archived`);
    await q.query(`ANALYZE patient_names, patient_name_suffixes`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE patient_name_suffixes`);
    await q.query(`DROP TABLE patient_names`);
    await q.query(`DROP FUNCTION patient_names_follow()`);
    await q.query(`DROP FUNCTION venule_name_suffixes(text, text)`);
  }
}
