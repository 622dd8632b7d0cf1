import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, SessionNote } from '@venule/api-contract';
import { Allow } from '../auth/access.decorators';
import { CurrentStaff, type SignedInStaff } from '../auth/staff';
import { ApiBodyExample, ApiProblems, ApiResult, contract, pageExample, pageOf } from '../platform/openapi/api-docs';
import { NoteTextDto, UpdateNoteDto } from './dto/note-text.dto';
import { NotesService } from './notes.service';
import { noteExample, noteWithAddendumExample, signedNoteExample } from './notes.examples';

const NOTE_SIGNED = { code: 'NOTE_SIGNED', detail: 'This note is signed: add an addendum instead.' } as const;

const uuid = new ParseUUIDPipe();

@ApiTags('notes')
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Allow('readClinical')
  @ApiOperation({ summary: "A session's notes, oldest first, each with its addenda oldest first." })
  @ApiResult(200, pageOf('SessionNote'), pageExample([noteWithAddendumExample]))
  @ApiProblems(404)
  @Get('sessions/:id/notes')
  list(@Param('id', uuid) id: string, @CurrentStaff() staff: SignedInStaff): Promise<Page<SessionNote>> {
    return this.notes.list(id, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({ summary: 'Start a draft note on a session.' })
  @ApiBodyExample(NoteTextDto, { text: noteExample.text })
  @ApiResult(201, contract('SessionNote'), noteExample)
  @ApiProblems(400, 404)
  @Post('sessions/:id/notes')
  create(@Param('id', uuid) id: string, @Body() body: NoteTextDto, @CurrentStaff() staff: SignedInStaff): Promise<SessionNote> {
    return this.notes.create(id, body, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({ summary: 'Edit a draft: its author only (403 otherwise); a signed note answers 422 NOTE_SIGNED.' })
  @ApiBodyExample(UpdateNoteDto, { text: noteExample.text, version: 1 })
  @ApiResult(200, contract('SessionNote'), { ...noteExample, version: 2 })
  @ApiProblems(400, 404, 409, NOTE_SIGNED)
  @Patch('notes/:id')
  update(@Param('id', uuid) id: string, @Body() body: UpdateNoteDto, @CurrentStaff() staff: SignedInStaff): Promise<SessionNote> {
    return this.notes.update(id, body, staff);
  }

  @Allow('writeClinical')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign a draft: its author only. Signed notes are final.' })
  @ApiResult(200, contract('SessionNote'), signedNoteExample)
  @ApiProblems(404, NOTE_SIGNED)
  @Post('notes/:id/sign')
  sign(@Param('id', uuid) id: string, @CurrentStaff() staff: SignedInStaff): Promise<SessionNote> {
    return this.notes.sign(id, staff);
  }

  @Allow('writeClinical')
  @ApiOperation({
    summary: 'Add a correction under a signed note (any clinician). Returns the note with its addenda. 409 NOTE_NOT_SIGNED for a draft.',
  })
  @ApiBodyExample(NoteTextDto, { text: 'Correction: 12 injections, not 10.' })
  @ApiResult(201, contract('SessionNote'), noteWithAddendumExample)
  @ApiProblems(400, 404, { code: 'NOTE_NOT_SIGNED', detail: 'A draft note is edited, not corrected: addenda go under signed notes.' })
  @Post('notes/:id/addenda')
  addendum(@Param('id', uuid) id: string, @Body() body: NoteTextDto, @CurrentStaff() staff: SignedInStaff): Promise<SessionNote> {
    return this.notes.addAddendum(id, body, staff);
  }
}
