import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-letter typos in names of any length. Trigram similarity cannot see them in short names
 * ("kahn" and "khan" share one trigram of five), so each patient also carries every word of their
 * folded name with each single letter deleted in turn. Two words are one edit apart (a letter
 * dropped, added, changed or two swapped) only if their deletion sets meet, so a typo search is an
 * array overlap on a GIN index (symmetric deletion, as SymSpell does it).
 */
export class NameVariants1796025272000 implements MigrationInterface {
  name = 'NameVariants1796025272000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION venule_name_variants(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$
        SELECT coalesce(array_agg(DISTINCT v), '{}')
        FROM regexp_split_to_table($1, '[[:space:]''-]+') AS w
        CROSS JOIN LATERAL (
          SELECT w AS v
          UNION ALL
          SELECT left(w, i - 1) || substr(w, i + 1) FROM generate_series(1, length(w)) AS i
        ) variants
        WHERE length(w) >= 3
      $$`);
    // A generated column may not read another one, so this folds the name itself.
    await q.query(`ALTER TABLE patients
      ADD COLUMN name_variants text[] GENERATED ALWAYS AS (venule_name_variants(venule_fold(first_name || ' ' || last_name))) STORED`);
    await q.query(`CREATE INDEX patients_name_variants ON patients USING gin (name_variants)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX patients_name_variants`);
    await q.query(`ALTER TABLE patients DROP COLUMN name_variants`);
    await q.query(`DROP FUNCTION venule_name_variants(text)`);
  }
}
