import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES, type Role, type UpdateUserRequest } from '@venule/api-contract';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsRecordVersion } from '../../platform/http/record-version';

/** May be left out, but not sent as null: none of these columns can be emptied (IsOptional would let null through). */
const OmittableNotNull = () => ValidateIf((_, value) => value !== undefined);

export class UpdateUserDto implements UpdateUserRequest {
  @IsRecordVersion()
  version!: number;

  @OmittableNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  displayName?: string;

  @OmittableNotNull()
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @OmittableNotNull()
  @IsBoolean()
  active?: boolean;

  @OmittableNotNull()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password?: string;
}
