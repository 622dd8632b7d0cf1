import type { MoveSessionRequest } from '@venule/api-contract';
import { IsInstant } from '../../platform/validation/date-fields';
import { IsRecordVersion } from '../../platform/http/record-version';

export class MoveSessionDto implements MoveSessionRequest {
  @IsInstant()
  scheduledFor!: string;

  @IsRecordVersion('must be the version of the session you are moving')
  version!: number;
}
