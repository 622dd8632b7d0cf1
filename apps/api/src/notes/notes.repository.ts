import { Injectable } from '@nestjs/common';
import type { NoteAddendum, NoteStatus, SessionNote } from '@venule/api-contract';
import type { EntityManager } from 'typeorm';

const NOTE_SELECT = `
  SELECT n.id, n.version, n.created_at, n.updated_at, n.session_id, n.text, n.status, n.author_id,
         u.display_name AS author_name, n.signed_at, c.patient_id
    FROM session_notes n
    JOIN users u ON u.id = n.author_id
    JOIN sessions s ON s.id = n.session_id
    JOIN courses c ON c.id = s.course_id`;

export interface NoteRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  session_id: string;
  text: string;
  status: NoteStatus;
  author_id: string;
  author_name: string;
  signed_at: Date | null;
  patient_id: string;
}

interface AddendumRow {
  id: string;
  note_id: string;
  text: string;
  author_id: string;
  author_name: string;
  at: Date;
}

/** Session notes and their addenda: all the SQL, and the one mapping to the contract. */
/** A note written in the past (the demo clinic's); a signed one is its second version. */
export interface PastNoteRow {
  id: string;
  session_id: string;
  author_id: string;
  text: string;
  status: 'draft' | 'signed';
  signed_at: string | null;
  created_at: string;
}

export interface PastAddendumRow {
  note_id: string;
  author_id: string;
  text: string;
  at: string;
}

@Injectable()
export class NotesRepository {
  /** The patient whose session it is; null when there is no such session. */
  async sessionPatient(m: EntityManager, sessionId: string): Promise<string | null> {
    const [row] = await m.query(`SELECT c.patient_id FROM sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1`, [sessionId]);
    return row?.patient_id ?? null;
  }

  /** The note, locked for a change of its own (`update`) or for an addendum (`share`). */
  async find(m: EntityManager, id: string, lock?: 'update' | 'share'): Promise<NoteRow | null> {
    const forLock = lock === 'update' ? ' FOR UPDATE OF n' : lock === 'share' ? ' FOR SHARE OF n' : '';
    const [row] = await m.query(`${NOTE_SELECT} WHERE n.id = $1${forLock}`, [id]);
    return row ?? null;
  }

  async ofSession(m: EntityManager, sessionId: string): Promise<SessionNote[]> {
    return this.views(m, await m.query(`${NOTE_SELECT} WHERE n.session_id = $1 ORDER BY n.created_at, n.id`, [sessionId]));
  }

  async view(m: EntityManager, id: string): Promise<SessionNote> {
    const [note] = await this.views(m, await m.query(`${NOTE_SELECT} WHERE n.id = $1`, [id]));
    return note;
  }

  async insert(m: EntityManager, sessionId: string, authorId: string, text: string): Promise<string> {
    const [{ id }] = await m.query(`INSERT INTO session_notes (session_id, author_id, text) VALUES ($1, $2, $3) RETURNING id`, [
      sessionId,
      authorId,
      text,
    ]);
    return id;
  }

  async updateText(m: EntityManager, id: string, text: string): Promise<void> {
    await m.query(`UPDATE session_notes SET text = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, text]);
  }

  async sign(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE session_notes SET status = 'signed', signed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  async insertAddendum(m: EntityManager, noteId: string, authorId: string, text: string): Promise<string> {
    const [{ id }] = await m.query(`INSERT INTO note_addenda (note_id, author_id, text) VALUES ($1, $2, $3) RETURNING id`, [
      noteId,
      authorId,
      text,
    ]);
    return id;
  }

  /** Notes with their addenda (oldest first), in one more statement for all of them. */
  private async views(m: EntityManager, rows: NoteRow[]): Promise<SessionNote[]> {
    const addenda: AddendumRow[] = rows.length
      ? await m.query(
          `SELECT a.id, a.note_id, a.text, a.author_id, u.display_name AS author_name, a.at
             FROM note_addenda a JOIN users u ON u.id = a.author_id
            WHERE a.note_id = ANY($1::uuid[]) ORDER BY a.at, a.id`,
          [rows.map((r) => r.id)],
        )
      : [];
    const addendum = (a: AddendumRow): NoteAddendum => ({
      id: a.id,
      text: a.text,
      authorId: a.author_id,
      authorName: a.author_name,
      at: a.at.toISOString(),
    });
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      sessionId: r.session_id,
      text: r.text,
      status: r.status,
      authorId: r.author_id,
      authorName: r.author_name,
      signedAt: r.signed_at ? r.signed_at.toISOString() : null,
      addenda: addenda.filter((a) => a.note_id === r.id).map(addendum),
    }));
  }

  async insertPastNotes(m: EntityManager, rows: readonly PastNoteRow[]): Promise<void> {
    await m.query(
      `INSERT INTO session_notes (id, session_id, author_id, text, status, signed_at, version, created_at, updated_at)
       SELECT r.id, r.session_id, r.author_id, r.text, r.status, r.signed_at, CASE WHEN r.status = 'signed' THEN 2 ELSE 1 END,
              r.created_at, coalesce(r.signed_at, r.created_at)
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, session_id uuid, author_id uuid, text text, status text, signed_at timestamptz,
              created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }

  async insertPastAddenda(m: EntityManager, rows: readonly PastAddendumRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO note_addenda (note_id, author_id, text, at)
       SELECT r.note_id, r.author_id, r.text, r.at
         FROM jsonb_to_recordset($1::jsonb) AS r(note_id uuid, author_id uuid, text text, at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
}
