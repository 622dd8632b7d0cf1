import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Treatment courses and what hangs off them (SPEC §2): consent, sessions with their clinical
 * detail, signed session notes with append-only addenda, adverse events and outcome assessments.
 * The clinical rules are enforced by the API through @venule/clinical-rules; the database holds
 * what must never be wrong whatever the code does: enums, ranges, one sequence number per course,
 * no clinician in two booked sessions at once, signed notes and addenda that never change.
 */
export class Courses1764029100000 implements MigrationInterface {
  name = 'Courses1764029100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL REFERENCES patients (id),
        legs text[] NOT NULL CHECK (cardinality(legs) BETWEEN 1 AND 2 AND legs <@ ARRAY['left', 'right']::text[]),
        areas text[] NOT NULL DEFAULT '{}',
        planned_sessions int NOT NULL CHECK (planned_sessions BETWEEN 1 AND 6),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'discontinued')),
        discontinued_reason text,
        closed_at timestamptz,
        closed_by uuid REFERENCES users (id),
        created_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT courses_discontinued_reason CHECK (
          (status = 'discontinued') = (discontinued_reason IS NOT NULL AND length(btrim(discontinued_reason)) > 0)),
        CONSTRAINT courses_closed_at CHECK ((status = 'active') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX courses_patient_idx ON courses (patient_id, created_at)`);
    await q.query(`CREATE INDEX courses_active_idx ON courses (status) WHERE status = 'active'`);

    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id),
        consented_on date NOT NULL,
        form_version text NOT NULL CHECK (length(btrim(form_version)) BETWEEN 1 AND 40),
        recorded_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consents_course_idx ON consents (course_id, consented_on)`);

    // ends_at is stored (not computed from a duration) because timestamptz + interval is not
    // IMMUTABLE, and the exclusion constraint needs an immutable range.
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id),
        sequence int NOT NULL CHECK (sequence BETWEEN 1 AND 100),
        scheduled_for timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        clinician_id uuid REFERENCES users (id),
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'completed', 'cancelled', 'did_not_attend')),
        booked_by uuid NOT NULL REFERENCES users (id),
        status_changed_at timestamptz,
        status_changed_by uuid REFERENCES users (id),
        status_reason text CHECK (status_reason IS NULL OR length(status_reason) <= 500),
        completed_at timestamptz,
        completed_on date,
        completed_by uuid REFERENCES users (id),
        legs text[] CHECK (legs IS NULL OR (cardinality(legs) BETWEEN 1 AND 2 AND legs <@ ARRAY['left', 'right']::text[])),
        areas text[],
        agent text CHECK (agent IN ('polidocanol', 'sodium_tetradecyl_sulfate')),
        product text,
        batch_number text CHECK (batch_number IS NULL OR length(btrim(batch_number)) > 0),
        concentration_percent numeric(5, 3) CHECK (concentration_percent > 0 AND concentration_percent <= 5),
        form text CHECK (form IN ('liquid', 'foam')),
        volume_ml numeric(6, 2) CHECK (volume_ml > 0 AND volume_ml <= 100),
        injections int CHECK (injections BETWEEN 1 AND 500),
        dose_mg numeric(8, 3) CHECK (dose_mg >= 0),
        compression_mmhg int CHECK (compression_mmhg BETWEEN 5 AND 60),
        compression_hours int CHECK (compression_hours BETWEEN 1 AND 2000),
        checklist jsonb,
        confirmations jsonb NOT NULL DEFAULT '[]',
        immediate_reactions text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sessions_ends_after_start CHECK (ends_at > scheduled_for AND ends_at <= scheduled_for + interval '8 hours'),
        CONSTRAINT sessions_completed_detail CHECK (
          (status = 'completed') = (completed_at IS NOT NULL)
          AND (status <> 'completed' OR (
            completed_on IS NOT NULL AND completed_by IS NOT NULL AND legs IS NOT NULL AND agent IS NOT NULL
            AND batch_number IS NOT NULL AND concentration_percent IS NOT NULL AND form IS NOT NULL
            AND volume_ml IS NOT NULL AND injections IS NOT NULL AND dose_mg IS NOT NULL AND checklist IS NOT NULL))),
        CONSTRAINT sessions_foam_volume CHECK (form IS DISTINCT FROM 'foam' OR volume_ml <= 10),
        CONSTRAINT sessions_dose CHECK (dose_mg IS NULL OR dose_mg = round(concentration_percent * 10 * volume_ml, 3))
      )`);
    // One sequence number per course among the sessions that count (a cancelled or missed
    // booking frees its number for the rebooking).
    await q.query(`
      CREATE UNIQUE INDEX sessions_course_sequence_key ON sessions (course_id, sequence)
      WHERE status IN ('scheduled', 'completed')`);
    // A clinician is never double-booked (SPEC §2): no two live sessions of one clinician overlap.
    await q.query(`
      ALTER TABLE sessions ADD CONSTRAINT sessions_clinician_no_overlap
      EXCLUDE USING gist (clinician_id WITH =, tstzrange(scheduled_for, ends_at) WITH &&)
      WHERE (clinician_id IS NOT NULL AND status = 'scheduled')`);
    await q.query(`CREATE INDEX sessions_course_idx ON sessions (course_id, sequence)`);
    await q.query(`CREATE INDEX sessions_scheduled_idx ON sessions (scheduled_for) WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX sessions_completed_on_idx ON sessions (completed_on) WHERE status = 'completed'`);

    await q.query(`
      CREATE TABLE session_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id),
        author_id uuid NOT NULL REFERENCES users (id),
        text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 20000),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
        signed_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'signed') = (signed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX session_notes_session_idx ON session_notes (session_id, created_at)`);
    // Signed notes are final (SPEC §1.7), in the database too. A draft may be edited (and signed)
    // but never deleted either: clinical records are retained.
    await q.query(`
      CREATE FUNCTION session_notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'session notes are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'a signed session note is final: add an addendum' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.author_id <> OLD.author_id OR NEW.session_id <> OLD.session_id THEN
          RAISE EXCEPTION 'a note keeps its author and session' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER session_notes_guard BEFORE UPDATE OR DELETE ON session_notes
      FOR EACH ROW EXECUTE FUNCTION session_notes_guard()`);

    await q.query(`
      CREATE TABLE note_addenda (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        note_id uuid NOT NULL REFERENCES session_notes (id),
        author_id uuid NOT NULL REFERENCES users (id),
        text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 20000),
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX note_addenda_note_idx ON note_addenda (note_id, at)`);
    await q.query(`
      CREATE FUNCTION note_addenda_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'note addenda are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER note_addenda_append_only BEFORE UPDATE OR DELETE ON note_addenda
      FOR EACH ROW EXECUTE FUNCTION note_addenda_append_only()`);
    await q.query(`
      CREATE FUNCTION note_addenda_signed_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM session_notes WHERE id = NEW.note_id AND status = 'signed') THEN
          RAISE EXCEPTION 'addenda are added to signed notes only' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER note_addenda_signed_only BEFORE INSERT ON note_addenda
      FOR EACH ROW EXECUTE FUNCTION note_addenda_signed_only()`);

    await q.query(`
      CREATE TABLE adverse_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id),
        type text NOT NULL CHECK (type IN ('hyperpigmentation', 'matting', 'ulceration_necrosis',
          'superficial_thrombophlebitis', 'dvt', 'allergic_reaction', 'visual_disturbance', 'other')),
        severity text NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
        onset_on date NOT NULL,
        resolved boolean NOT NULL DEFAULT false,
        resolved_on date,
        notes text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (resolved_on IS NULL OR (resolved AND resolved_on >= onset_on)),
        CHECK (type <> 'other' OR length(btrim(coalesce(notes, ''))) > 0)
      )`);
    await q.query(`CREATE INDEX adverse_events_session_idx ON adverse_events (session_id)`);

    await q.query(`
      CREATE TABLE outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id),
        assessed_on date NOT NULL,
        rated_by text NOT NULL CHECK (rated_by IN ('patient', 'clinician')),
        improvement_percent int NOT NULL CHECK (improvement_percent BETWEEN 0 AND 100),
        notes text,
        recorded_by uuid NOT NULL REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outcomes_course_idx ON outcomes (course_id, assessed_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outcomes`);
    await q.query(`DROP TABLE adverse_events`);
    await q.query(`DROP TABLE note_addenda`);
    await q.query(`DROP FUNCTION note_addenda_signed_only`);
    await q.query(`DROP FUNCTION note_addenda_append_only`);
    await q.query(`DROP TABLE session_notes`);
    await q.query(`DROP FUNCTION session_notes_guard`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE consents`);
    await q.query(`DROP TABLE courses`);
  }
}
