import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recalls and consultation reminders in the outbox (SPEC §2 Message): two more kinds of message,
 * and the consultation a consultation reminder is for, so that moving, paying for or cancelling
 * the consultation finds its reminder. A recall keeps the completed session it follows in
 * `session_id`, which leads to its course.
 */
export class RecallsAndConsultationReminders1796033600000 implements MigrationInterface {
  name = 'RecallsAndConsultationReminders1796033600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_template_check`);
    await q.query(`
      ALTER TABLE messages ADD CONSTRAINT messages_template_check
        CHECK (template IN ('session_reminder', 'aftercare', 'recall_open', 'recall_closing', 'consultation_reminder'))`);
    await q.query(`ALTER TABLE messages ADD COLUMN consultation_id uuid REFERENCES consultations (id)`);
    await q.query(`CREATE INDEX messages_by_consultation ON messages (consultation_id) WHERE consultation_id IS NOT NULL`);
    // The sender's stale check and a course's recalls reach the course through the session a message names.
    await q.query(`CREATE INDEX messages_by_session ON messages (session_id) WHERE session_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_by_session`);
    await q.query(`DELETE FROM messages WHERE template IN ('recall_open', 'recall_closing', 'consultation_reminder')`);
    await q.query(`ALTER TABLE messages DROP COLUMN consultation_id`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_template_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_template_check CHECK (template IN ('session_reminder', 'aftercare'))`);
  }
}
