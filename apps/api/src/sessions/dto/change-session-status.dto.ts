import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRecordVersion } from '../../platform/http/record-version';

/** Body of `/cancel` and `/did-not-attend`. */
export class ChangeSessionStatusDto {
  /** The session's version as read; a stale one answers 409 VERSION_CONFLICT. */
  @IsRecordVersion()
  version!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
