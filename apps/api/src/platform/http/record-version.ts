import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** PostgreSQL's `integer`, the type of every `version` column: a larger number would fail in the query, not here. */
const INT4_MAX = 2_147_483_647;

/** The `version` an update carries, as read with the record (SPEC §4: a stale one answers 409). */
export const IsRecordVersion = (message = 'must be the whole-number version of the record you read') =>
  applyDecorators(IsInt({ message }), Min(1, { message }), Max(INT4_MAX, { message }));
