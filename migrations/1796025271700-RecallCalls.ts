import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What came of each phone call from the overdue and recall lists ("Who to phone"). */
export class RecallCalls1796025271700 implements MigrationInterface {
  name = 'RecallCalls1796025271700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recall_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id),
        outcome text NOT NULL CHECK (outcome IN ('left_message', 'booked', 'declined')),
        note text CHECK (char_length(note) <= 500),
        called_by uuid NOT NULL REFERENCES users (id),
        called_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recall_calls_latest ON recall_calls (course_id, called_at DESC) INCLUDE (outcome, called_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recall_calls`);
  }
}
