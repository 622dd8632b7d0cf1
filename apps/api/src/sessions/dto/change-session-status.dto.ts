import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Body of `/cancel` and `/did-not-attend`. */
export class ChangeSessionStatusDto {
  /** The session's version as read; a stale one answers 409 VERSION_CONFLICT. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
