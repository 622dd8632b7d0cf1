import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Body of `/cancel` and `/did-not-attend`: both fields optional. */
export class ChangeSessionStatusDto {
  /** When given, a stale version answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
