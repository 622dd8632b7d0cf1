import type { NoteTextRequest, UpdateNoteRequest } from '@venule/api-contract';
import { IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';

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

  @IsInt()
  @Min(1)
  version!: number;
}
