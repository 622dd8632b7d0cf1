import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, SessionNote } from '@venule/api-contract';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignedInStaff } from '../auth/staff';
import { AuditService } from '../platform/audit/audit.service';
import { DomainError, notFound, versionConflict } from '../platform/errors/domain-error';
import type { NoteTextDto, UpdateNoteDto } from './dto/note-text.dto';
import { NotesRepository, type NoteRow } from './notes.repository';

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
    private readonly notes: NotesRepository,
  ) {}

  async list(sessionId: string, staff: SignedInStaff): Promise<Page<SessionNote>> {
    return this.db.transaction(async (tx) => {
      const patientId = await this.sessionPatient(tx, sessionId);
      const items = await this.notes.ofSession(tx, sessionId);
      await this.audit.record({ actorId: staff.id, action: 'read', entity: 'session_note', entityId: null, patientId }, tx);
      return { items, total: items.length, limit: items.length, offset: 0 };
    });
  }

  async create(sessionId: string, dto: NoteTextDto, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const patientId = await this.sessionPatient(tx, sessionId);
      const id = await this.notes.insert(tx, sessionId, staff.id, dto.text);
      await this.audit.record(
        { actorId: staff.id, action: 'create', entity: 'session_note', entityId: id, patientId, fields: ['text'] },
        tx,
      );
      return this.notes.view(tx, id);
    });
  }

  async update(id: string, dto: UpdateNoteDto, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const note = await this.lockDraftOfAuthor(tx, id, staff, 'edit');
      if (dto.version !== note.version) throw versionConflict('The note');
      await this.notes.updateText(tx, id, dto.text);
      await this.audit.record(
        { actorId: staff.id, action: 'update', entity: 'session_note', entityId: id, patientId: note.patient_id, fields: ['text'] },
        tx,
      );
      return this.notes.view(tx, id);
    });
  }

  async sign(id: string, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const note = await this.lockDraftOfAuthor(tx, id, staff, 'sign');
      await this.notes.sign(tx, id);
      await this.audit.record(
        { actorId: staff.id, action: 'sign', entity: 'session_note', entityId: id, patientId: note.patient_id, fields: ['status'] },
        tx,
      );
      return this.notes.view(tx, id);
    });
  }

  async addAddendum(id: string, dto: NoteTextDto, staff: SignedInStaff): Promise<SessionNote> {
    return this.db.transaction(async (tx) => {
      const note = await this.notes.find(tx, id, 'share');
      if (!note) throw notFound('The note');
      if (note.status !== 'signed') {
        throw new DomainError('NOTE_NOT_SIGNED', 'This note is still a draft: its author edits it. Addenda are for signed notes.');
      }
      const addendumId = await this.notes.insertAddendum(tx, id, staff.id, dto.text);
      await this.audit.record(
        {
          actorId: staff.id,
          action: 'create',
          entity: 'note_addendum',
          entityId: addendumId,
          patientId: note.patient_id,
          fields: ['text'],
        },
        tx,
      );
      return this.notes.view(tx, id);
    });
  }

  // -------------------------------------------------------------------------------------------

  private async lockDraftOfAuthor(tx: EntityManager, id: string, staff: SignedInStaff, verb: string): Promise<NoteRow> {
    const note = await this.notes.find(tx, id, 'update');
    if (!note) throw notFound('The note');
    if (note.status === 'signed') throw noteSigned();
    if (note.author_id !== staff.id) {
      throw new DomainError('FORBIDDEN', `Only the note's author (${note.author_name}) may ${verb} this draft.`);
    }
    return note;
  }

  private async sessionPatient(tx: EntityManager, sessionId: string): Promise<string> {
    const patientId = await this.notes.sessionPatient(tx, sessionId);
    if (!patientId) throw notFound('The session');
    return patientId;
  }
}
