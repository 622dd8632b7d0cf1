import type { RecordMeta } from './common';
import type { Role } from './roles';

export interface User extends RecordMeta {
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
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
