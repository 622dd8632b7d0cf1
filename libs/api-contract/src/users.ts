import type { RecordMeta } from './common';
import type { Role } from './roles';

export interface User extends RecordMeta {
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  /** The password was reset by an admin and has not been changed since. */
  mustChangePassword: boolean;
}

/** The same rule when an account is created, a password changed or reset. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** `POST /api/users/:id/password-reset`. */
export interface ResetPasswordRequest {
  version: number;
}

/** The one time the temporary password is shown: the admin hands it to the person. */
export interface PasswordReset {
  user: User;
  temporaryPassword: string;
}

export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  version: number;
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}
