import type { NoteTextRequest, UpdateNoteRequest } from '@venule/api-contract';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsRecordVersion } from '../../platform/http/record-version';

const NOT_BLANK = /\S/;

export class NoteTextDto implements NoteTextRequest {
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be empty' })
  @MaxLength(20000)
  text!: string;
}

export class UpdateNoteDto implements UpdateNoteRequest {
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be empty' })
  @MaxLength(20000)
  text!: string;

  @IsRecordVersion()
  version!: number;
}
