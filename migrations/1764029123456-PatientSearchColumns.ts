import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Folded (lower-case, unaccented) first and last names as stored columns. Search ranks and orders
 * every candidate row by them; computing `venule_fold()` (unaccent) per row at query time made a
 * common last-name prefix ("jone": ~2,700 rows of 100,000) cost 50–250 ms. Stored, it is a column
 * read. The prefix index moves to the column.
 */
export class PatientSearchColumns1764029123456 implements MigrationInterface {
  name = 'PatientSearchColumns1764029123456';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE patients
      ADD COLUMN search_first text GENERATED ALWAYS AS (venule_fold(first_name)) STORED,
      ADD COLUMN search_last text GENERATED ALWAYS AS (venule_fold(last_name)) STORED`);
    await q.query(`CREATE INDEX patients_search_last_prefix ON patients (search_last text_pattern_ops)`);
    await q.query(`CREATE INDEX patients_search_order ON patients (search_last, search_first, date_of_birth, id)`);
    await q.query(`DROP INDEX patients_last_name_prefix`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX patients_last_name_prefix ON patients (venule_fold(last_name) text_pattern_ops)`);
    await q.query(`DROP INDEX patients_search_order`);
    await q.query(`DROP INDEX patients_search_last_prefix`);
    await q.query(`ALTER TABLE patients DROP COLUMN search_last, DROP COLUMN search_first`);
  }
}
