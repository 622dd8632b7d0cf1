import type { ResetPasswordRequest } from '@venule/api-contract';
import { IsRecordVersion } from '../../platform/http/record-version';

export class ResetPasswordDto implements ResetPasswordRequest {
  @IsRecordVersion()
  version!: number;
}
