import type { LoginRequest } from '@venule/api-contract';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(200)
  password!: string;
}
