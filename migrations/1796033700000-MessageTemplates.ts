import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The clinic's own words for a message template (issue 13). No row, or a row without words (a
 * reset), means the built-in words in the API's source; the row is kept on reset so its version
 * keeps counting and a form read before the reset cannot save over a later edit. `template` is
 * not checked against a list: the API's sources are the list, and a new template needs no migration.
 */
export class MessageTemplates1796033700000 implements MigrationInterface {
  name = 'MessageTemplates1796033700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_templates (
        template text PRIMARY KEY,
        subject text,
        body_text text,
        body_html text,
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES users (id),
        CHECK ((subject IS NULL) = (body_text IS NULL) AND (body_text IS NULL) = (body_html IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_templates`);
  }
}
