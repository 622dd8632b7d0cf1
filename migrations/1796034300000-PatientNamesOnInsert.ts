import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new patient has no name copies yet, so the trigger of `PatientNames` no longer deletes any on
 * INSERT. That DELETE was planned once per connection while `patient_name_suffixes` was still empty
 * (a sequential scan, kept as the generic plan), so inserting many patients in one transaction
 * scanned the growing table once per row: 10,000 patients took 75 s in `npm run seed:bench`, and
 * 100,000 did not finish in 5 minutes. An edit still replaces the suffixes, one patient at a time.
 */
export class PatientNamesOnInsert1796034300000 implements MigrationInterface {
  name = 'PatientNamesOnInsert1796034300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION patient_names_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO patient_names (id, archived, search_name, search_last, search_first, date_of_birth)
          VALUES (NEW.id, NEW.archived, NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth);
        ELSE
          UPDATE patient_names SET archived = NEW.archived, search_name = NEW.search_name, search_last = NEW.search_last,
                 search_first = NEW.search_first, date_of_birth = NEW.date_of_birth
           WHERE id = NEW.id;
          DELETE FROM patient_name_suffixes WHERE patient_id = NEW.id;
        END IF;
        IF NOT NEW.archived THEN
          INSERT INTO patient_name_suffixes (patient_id, starts_last, suffix, search_name, search_last, search_first, date_of_birth)
          SELECT NEW.id, s.starts_last, s.suffix, NEW.search_name, NEW.search_last, NEW.search_first, NEW.date_of_birth
            FROM venule_name_suffixes(NEW.search_name, NEW.search_last) s;
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION patient_names_follow() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
