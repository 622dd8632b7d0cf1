import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message outbox (SPEC §2 Message): every reminder and aftercare message, written in the same
 * transaction as the booking or completion that causes it, and sent from here when `send_at` has
 * come. `dedupe_key` names what the message is for (its kind and session), so a write that runs
 * twice finds the row it made instead of making another. A message that could not be addressed
 * (no email, no phone) is kept, cancelled, with the reason in `last_error`.
 */
export class Messages1796033500000 implements MigrationInterface {
  name = 'Messages1796033500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL UNIQUE,
        patient_id uuid NOT NULL REFERENCES patients (id),
        session_id uuid REFERENCES sessions (id),
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        "to" text NOT NULL,
        template text NOT NULL CHECK (template IN ('session_reminder', 'aftercare')),
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
        send_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        claimed_until timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
        CHECK (channel = 'sms' OR body_html IS NOT NULL)
      )`);
    // The sender's scan: queued messages by when they are due.
    await q.query(`CREATE INDEX messages_due ON messages (send_at) WHERE state = 'queued'`);
    await q.query(`CREATE INDEX messages_by_patient ON messages (patient_id, send_at DESC)`);
    await q.query(`CREATE INDEX messages_by_state ON messages (state, send_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE messages`);
  }
}
