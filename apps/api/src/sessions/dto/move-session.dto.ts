import type { MoveSessionRequest } from '@venule/api-contract';
import { IsInt, Min } from 'class-validator';
import { IsInstant } from '../../courses/dto/date-fields';

export class MoveSessionDto implements MoveSessionRequest {
  @IsInstant()
  scheduledFor!: string;

  @IsInt({ message: 'must be the version of the session you are moving' })
  @Min(1)
  version!: number;
}
