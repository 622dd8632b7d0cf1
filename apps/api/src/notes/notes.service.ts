import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NoteAddendum, Page, SessionNote } from '@venule/api-contract';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, notFound, versionConflict } from '../platform/errors/domain-error';
import type { NoteTextDto, UpdateNoteDto } from './dto/note-text.dto';

const NOTE_SELECT = `
  SELECT n.id, n.version, n.created_at, n.updated_at, n.session_id, n.text, n.status, n.author_id,
         u.display_name AS author_name, n.signed_at, c.patient_id
    FROM session_notes n
    JOIN users u ON u.id = n.author_id
    JOIN sessions s ON s.id = n.session_id
    JOIN courses c ON c.id = s.course_id`;

interface NoteRow {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  session_id: string;
  text: string;
  status: 'draft' | 'signed';
  author_id: string;
  author_name: string;
  signed_at: Date | null;
  patient_id: string;
}

const noteSigned = () =>
  new DomainError('NOTE_SIGNED', 'This note is signed and final. Add an addendum instead.', {
    reasons: [{ code: 'NOTE_SIGNED', message: 'This note is signed and final. Add an addendum instead.' }],
  });

/**
 * Session notes (SPEC §1.7): a draft until its author signs it, then final; corrections are
 * addenda, oldest first. The database refuses changes to a signed note and to addenda too.
 */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(sessionId: string, staff: SignedInStaff): Promise<Page<SessionNote>> {
    return this.db.transaction(async (tx) => {
      const patientId = await this.sessionPatient(tx, sessionId);
      const rows: NoteRow[] = await tx.query(`${NOTE_SELECT} WHERE n.session_id = $1 ORDER BY n.created_at, n.id`, [sessionId]);
      const items = await this.views(tx, rows);
      await this.audit.record({ actorId: staff.id, action: 'read', entity: 'session_note', entityId: null, patientId }, tx);
      return { items, total: items.length, limit: items.length, offset: 0 };
    });
  }

  async create(sessionId: string, dto: NoteTextDto, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const patientId = await this.sessionPatient(tx, sessionId);
      const [{ id }] = await tx.query(
        `INSERT INTO session_notes (session_id, author_id, text) VALUES ($1, $2, $3) RETURNING id`,
        [sessionId, staff.id, dto.text],
      );
      await this.audit.record({ actorId: staff.id, action: 'create', entity: 'session_note', entityId: id, patientId, fields: ['text'] }, tx);
      return this.one(tx, id);
    });
  }

  async update(id: string, dto: UpdateNoteDto, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const note = await this.lockDraftOfAuthor(tx, id, staff, 'edit');
      if (dto.version !== note.version) throw versionConflict('The note');
      await tx.query(`UPDATE session_notes SET text = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, dto.text]);
      await this.audit.record({ actorId: staff.id, action: 'update', entity: 'session_note', entityId: id, patientId: note.patient_id, fields: ['text'] }, tx);
      return this.one(tx, id);
    });
  }

  async sign(id: string, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const note = await this.lockDraftOfAuthor(tx, id, staff, 'sign');
      await tx.query(
        `UPDATE session_notes SET status = 'signed', signed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record({ actorId: staff.id, action: 'sign', entity: 'session_note', entityId: id, patientId: note.patient_id, fields: ['status'] }, tx);
      return this.one(tx, id);
    });
  }

  async addAddendum(id: string, dto: NoteTextDto, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const [note]: NoteRow[] = await tx.query(`${NOTE_SELECT} WHERE n.id = $1 FOR SHARE OF n`, [id]);
      if (!note) throw notFound('The note');
      if (note.status !== 'signed') {
        throw new DomainError('CONFLICT', 'This note is still a draft: its author edits it. Addenda are for signed notes.');
      }
      const [{ id: addendumId }] = await tx.query(
        `INSERT INTO note_addenda (note_id, author_id, text) VALUES ($1, $2, $3) RETURNING id`,
        [id, staff.id, dto.text],
      );
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'note_addendum', entityId: addendumId, patientId: note.patient_id, fields: ['text'] },
        tx,
      );
      return this.one(tx, id);
    });
  }

  // -------------------------------------------------------------------------------------------

  private async lockDraftOfAuthor(tx: EntityManager, id: string, staff: SignedInStaff, verb: string): Promise<NoteRow> {
    const [note]: NoteRow[] = await tx.query(`${NOTE_SELECT} WHERE n.id = $1 FOR UPDATE OF n`, [id]);
    if (!note) throw notFound('The note');
    if (note.status === 'signed') throw noteSigned();
    if (note.author_id !== staff.id) {
      throw new DomainError('FORBIDDEN', `Only the note's author (${note.author_name}) may ${verb} this draft.`);
    }
    return note;
  }

  private async sessionPatient(tx: EntityManager, sessionId: string): Promise<string> {
    const [row] = await tx.query(`SELECT c.patient_id FROM sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1`, [sessionId]);
    if (!row) throw notFound('The session');
    return row.patient_id;
  }

  private async one(tx: EntityManager, id: string): Promise<SessionNote> {
    const rows: NoteRow[] = await tx.query(`${NOTE_SELECT} WHERE n.id = $1`, [id]);
    const [note] = await this.views(tx, rows);
    return note;
  }

  private async views(tx: EntityManager, rows: NoteRow[]): Promise<SessionNote[]> {
    const addenda: (NoteAddendum & { noteId: string })[] = rows.length
      ? (
          await tx.query(
            `SELECT a.id, a.note_id, a.text, a.author_id, u.display_name AS author_name, a.at
               FROM note_addenda a JOIN users u ON u.id = a.author_id
              WHERE a.note_id = ANY($1::uuid[]) ORDER BY a.at, a.id`,
            [rows.map((r) => r.id)],
          )
        ).map((a: Record<string, unknown>) => ({
          id: a['id'] as string,
          noteId: a['note_id'] as string,
          text: a['text'] as string,
          authorId: a['author_id'] as string,
          authorName: a['author_name'] as string,
          at: (a['at'] as Date).toISOString(),
        }))
      : [];
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
      addenda: addenda.filter((a) => a.noteId === r.id).map(({ noteId: _, ...a }) => a),
    }));
  }
}
