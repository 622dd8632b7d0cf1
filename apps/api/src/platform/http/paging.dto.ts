import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit` and `offset` of every list endpoint. */
export class PagingQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // Past PostgreSQL's bigint OFFSET would be a database error; no list is anywhere near this long.
  @Max(1_000_000_000)
  offset = 0;
}
